#include "Glob.h"

#include <vector>

namespace Ferry {

namespace {
// UTF-8 decoded into code points; false (and `out` unfinished) at the first byte that does not
// belong to a valid sequence. Overlong forms ("\xc0\x87" for U+0007), surrogates and code points
// beyond U+10FFFF are not valid: such a name is compared byte by byte, so it never matches a
// pattern that names some other bytes.
bool decodeUtf8(const QByteArray &text, std::vector<char32_t> *out)
{
    out->clear();
    out->reserve(size_t(text.size()));
    const auto *p = reinterpret_cast<const unsigned char *>(text.constData());
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n;) {
        const unsigned char c = p[i];
        const int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
        if (len == 0 || i + len > n)
            return false;
        for (int k = 1; k < len; ++k) {
            if ((p[i + k] & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + k] & 0x3f);
        }
        static constexpr char32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < least[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        out->push_back(cp);
        i += len;
    }
    return true;
}

std::vector<char32_t> bytes(const QByteArray &text)
{
    std::vector<char32_t> out;
    out.reserve(size_t(text.size()));
    for (const char c : text)
        out.push_back(static_cast<unsigned char>(c));
    return out;
}

// Matches the bracket expression starting at pat[pi] == '[' against c. Returns the index after
// the closing ']', or 0 when the bracket has no end (then '[' is an ordinary character).
size_t bracket(const std::vector<char32_t> &pat, size_t pi, char32_t c, bool *matched)
{
    size_t i = pi + 1;
    bool negate = false;
    if (i < pat.size() && (pat[i] == U'!' || pat[i] == U'^')) {
        negate = true;
        ++i;
    }
    bool found = false;
    bool first = true;
    while (i < pat.size() && (first || pat[i] != U']')) {
        first = false;
        char32_t lo = pat[i];
        if (lo == U'\\' && i + 1 < pat.size())
            lo = pat[++i];
        ++i;
        char32_t hi = lo;
        if (i + 1 < pat.size() && pat[i] == U'-' && pat[i + 1] != U']') {
            hi = pat[i + 1];
            if (hi == U'\\' && i + 2 < pat.size()) {
                hi = pat[i + 2];
                ++i;
            }
            i += 2;
        }
        if (lo <= c && c <= hi)
            found = true;
    }
    if (i >= pat.size())
        return 0;
    *matched = found != negate;
    return i + 1;
}
} // namespace

bool globMatch(const QByteArray &pattern, const QByteArray &name)
{
    // Characters where both are UTF-8; where either is not, bytes (as fnmatch does then).
    std::vector<char32_t> pat, str;
    if (!decodeUtf8(pattern, &pat) || !decodeUtf8(name, &str)) {
        pat = bytes(pattern);
        str = bytes(name);
    }
    size_t p = 0, s = 0;
    // Where to go back to when what follows the last '*' fails: one more character under the '*'.
    size_t starP = size_t(-1), starS = 0;
    while (s < str.size()) {
        if (p < pat.size()) {
            const char32_t pc = pat[p];
            if (pc == U'*') {
                starP = ++p;
                starS = s;
                continue;
            }
            if (pc == U'?') {
                ++p;
                ++s;
                continue;
            }
            if (pc == U'[') {
                bool matched = false;
                const size_t next = bracket(pat, p, str[s], &matched);
                if (next != 0) {
                    if (matched) {
                        p = next;
                        ++s;
                        continue;
                    }
                } else if (str[s] == U'[') {
                    ++p;
                    ++s;
                    continue;
                }
            } else {
                char32_t want = pc;
                size_t step = 1;
                if (pc == U'\\' && p + 1 < pat.size()) {
                    want = pat[p + 1];
                    step = 2;
                }
                if (want == str[s]) {
                    p += step;
                    ++s;
                    continue;
                }
            }
        }
        if (starP == size_t(-1))
            return false;
        p = starP;
        s = ++starS;
    }
    while (p < pat.size() && pat[p] == U'*')
        ++p;
    return p == pat.size();
}

} // namespace Ferry
