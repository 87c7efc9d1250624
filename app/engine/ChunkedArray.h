#pragma once

#include <cstddef>
#include <iterator>
#include <memory>
#include <utility>
#include <vector>

namespace Ferry {

// An array that grows by whole chunks of ChunkSize elements and never moves what it holds: a
// million elements cost no reallocation, no copy and no spare half, and a reference to an element
// stays valid as more are appended. Indexing is one shift and one mask. Not thread-safe for
// writers; readers may share a const one.
template <typename T, std::size_t ChunkBits = 12>
class ChunkedArray
{
public:
    static constexpr std::size_t ChunkSize = std::size_t(1) << ChunkBits;

    ChunkedArray() = default;
    // A moved-from array is empty (not one that claims elements it no longer has).
    ChunkedArray(ChunkedArray &&other) noexcept
        : m_chunks(std::move(other.m_chunks))
        , m_size(std::exchange(other.m_size, 0))
    {
        other.m_chunks.clear();
    }
    ChunkedArray &operator=(ChunkedArray &&other) noexcept
    {
        if (this != &other) {
            m_chunks = std::move(other.m_chunks);
            m_size = std::exchange(other.m_size, 0);
            other.m_chunks.clear();
        }
        return *this;
    }
    ChunkedArray(const ChunkedArray &other) { *this = other; }
    ChunkedArray &operator=(const ChunkedArray &other)
    {
        if (this == &other)
            return *this;
        clear();
        reserve(other.size());
        for (const T &value : other)
            push_back(value);
        return *this;
    }

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    T &operator[](std::size_t i) { return m_chunks[i >> ChunkBits][i & (ChunkSize - 1)]; }
    const T &operator[](std::size_t i) const { return m_chunks[i >> ChunkBits][i & (ChunkSize - 1)]; }
    T &back() { return (*this)[m_size - 1]; }
    const T &back() const { return (*this)[m_size - 1]; }

    void push_back(const T &value) { slot().push_back(value); ++m_size; }
    void push_back(T &&value) { slot().push_back(std::move(value)); ++m_size; }

    // Room in the chunk table only: chunks are taken one at a time, as elements arrive.
    void reserve(std::size_t n) { m_chunks.reserve((n + ChunkSize - 1) >> ChunkBits); }
    void clear()
    {
        m_chunks.clear();
        m_size = 0;
    }

    template <typename Array, typename Value>
    class Iter
    {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = Value *;
        using reference = Value &;

        Iter() = default;
        Iter(Array *array, std::size_t i) : m_array(array), m_i(i) {}
        reference operator*() const { return (*m_array)[m_i]; }
        pointer operator->() const { return &(*m_array)[m_i]; }
        reference operator[](difference_type n) const { return (*m_array)[std::size_t(difference_type(m_i) + n)]; }
        Iter &operator++() { ++m_i; return *this; }
        Iter operator++(int) { Iter t = *this; ++m_i; return t; }
        Iter &operator--() { --m_i; return *this; }
        Iter operator--(int) { Iter t = *this; --m_i; return t; }
        Iter &operator+=(difference_type n) { m_i = std::size_t(difference_type(m_i) + n); return *this; }
        Iter &operator-=(difference_type n) { m_i = std::size_t(difference_type(m_i) - n); return *this; }
        friend Iter operator+(Iter it, difference_type n) { return it += n; }
        friend Iter operator+(difference_type n, Iter it) { return it += n; }
        friend Iter operator-(Iter it, difference_type n) { return it -= n; }
        friend difference_type operator-(const Iter &a, const Iter &b) { return difference_type(a.m_i) - difference_type(b.m_i); }
        friend bool operator==(const Iter &a, const Iter &b) { return a.m_i == b.m_i; }
        friend bool operator!=(const Iter &a, const Iter &b) { return a.m_i != b.m_i; }
        friend bool operator<(const Iter &a, const Iter &b) { return a.m_i < b.m_i; }
        friend bool operator>(const Iter &a, const Iter &b) { return a.m_i > b.m_i; }
        friend bool operator<=(const Iter &a, const Iter &b) { return a.m_i <= b.m_i; }
        friend bool operator>=(const Iter &a, const Iter &b) { return a.m_i >= b.m_i; }

    private:
        Array *m_array = nullptr;
        std::size_t m_i = 0;
    };
    using iterator = Iter<ChunkedArray, T>;
    using const_iterator = Iter<const ChunkedArray, const T>;

    iterator begin() { return iterator(this, 0); }
    iterator end() { return iterator(this, m_size); }
    const_iterator begin() const { return const_iterator(this, 0); }
    const_iterator end() const { return const_iterator(this, m_size); }

    // Bytes held, for tests and measurements: whole chunks, as allocated.
    std::size_t capacityBytes() const { return m_chunks.size() * ChunkSize * sizeof(T); }

private:
    std::vector<T> &slot()
    {
        if ((m_size & (ChunkSize - 1)) == 0) {
            m_chunks.emplace_back();
            m_chunks.back().reserve(ChunkSize); // exactly one chunk: it never grows, so never moves
        }
        return m_chunks.back();
    }

    std::vector<std::vector<T>> m_chunks;
    std::size_t m_size = 0;
};

} // namespace Ferry
