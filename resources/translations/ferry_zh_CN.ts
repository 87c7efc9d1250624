<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Ferry::CommandLine</name>
    <message>
        <source>Unknown option “%1”; see ferry --help.</source>
        <translation>未知选项“%1”；请参阅 ferry --help。</translation>
    </message>
    <message>
        <source>An empty path was given on the command line.</source>
        <translation>命令行中给出了一个空路径。</translation>
    </message>
    <message>
        <source>--start needs the sources and the destination.</source>
        <translation>--start 需要指定来源和目标。</translation>
    </message>
    <message>
        <source>Usage: ferry [SOURCE... DESTINATION] [--start]

Copies files and folders fast, in parallel and safely, in a window.

Arguments:
  SOURCE...      files and folders to copy
  DESTINATION    the folder to copy into (the last path given)

Options:
  --start        start copying at once
  --new-window   open a window of its own; by default the job goes to the
                 Ferry window already open, if there is one
  -h, --help     show this help and exit
  -v, --version  show the version and exit
</source>
        <translation>用法：ferry [来源... 目标] [--start]

在窗口中快速、并行、安全地复制文件和文件夹。

参数：
  来源...        要复制的文件和文件夹
  目标           复制到的文件夹（最后给出的路径）

选项：
  --start        立即开始复制
  --new-window   打开一个新窗口；默认情况下，任务会交给
                 已经打开的 Ferry 窗口（如果有）
  -h, --help     显示此帮助并退出
  -v, --version  显示版本并退出
</translation>
    </message>
</context>
<context>
    <name>Ferry::ConflictDialog</name>
    <message>
        <source>&amp;Apply to all remaining conflicts</source>
        <translation>应用于其余所有冲突(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Overwrite</source>
        <translation>覆盖(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Skip</source>
        <translation>跳过(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>重命名(&amp;R)</translation>
    </message>
    <message>
        <source>Overwrite if &amp;newer</source>
        <translation>较新时覆盖(&amp;N)</translation>
    </message>
    <message>
        <source>File already exists</source>
        <translation>文件已存在</translation>
    </message>
    <message>
        <source>Copy under a new name, such as “name (2).ext”</source>
        <translation>以新名称复制，例如“name (2).ext”</translation>
    </message>
    <message>
        <source>Overwrite only if the file being copied is newer or differs in size</source>
        <translation>仅当要复制的文件较新或大小不同时才覆盖</translation>
    </message>
    <message>
        <source>Overwrite the existing file</source>
        <translation>覆盖现有文件</translation>
    </message>
    <message>
        <source>Skip this file</source>
        <translation>跳过此文件</translation>
    </message>
    <message>
        <source>Copy under a new name</source>
        <translation>以新名称复制</translation>
    </message>
    <message>
        <source>Overwrite if newer</source>
        <translation>较新时覆盖</translation>
    </message>
    <message>
        <source>Apply to all remaining conflicts</source>
        <translation>应用于其余所有冲突</translation>
    </message>
    <message>
        <source>Copying:</source>
        <translation>正在复制：</translation>
    </message>
    <message>
        <source>Existing:</source>
        <translation>现有文件：</translation>
    </message>
    <message>
        <source>“%1” already exists in “%2”. What should be done with it?</source>
        <translation>“%2”中已存在“%1”。要如何处理？</translation>
    </message>
    <message>
        <source>%1, modified %2</source>
        <translation>%1，修改于 %2</translation>
    </message>
    <message>
        <source>%1 (newer)</source>
        <translation>%1（较新）</translation>
    </message>
    <message>
        <source>S&amp;kip all such files</source>
        <translation>跳过所有此类文件(&amp;K)</translation>
    </message>
    <message>
        <source>Skip this file and every other one of this job whose copy has the same size and time</source>
        <translation>跳过此文件，以及本任务中副本大小和时间都相同的其他所有文件</translation>
    </message>
    <message>
        <source>Skip all files that are probably the same</source>
        <translation>跳过所有可能相同的文件</translation>
    </message>
    <message>
        <source>Both have the same size and time: probably the same file.</source>
        <translation>两者大小和时间都相同：可能是同一个文件。</translation>
    </message>
</context>
<context>
    <name>Ferry::CopyJob</name>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1失败：%2</translation>
    </message>
    <message>
        <source>cannot create destination &apos;%1&apos;: %2</source>
        <translation>无法创建目标“%1”：%2</translation>
    </message>
    <message>
        <source>destination &apos;%1&apos; is not a folder</source>
        <translation>目标“%1”不是文件夹</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a symbolic link at a folder&apos;s place; it is not followed</source>
        <translation>“%1”是位于文件夹位置上的符号链接；不会跟随它</translation>
    </message>
    <message>
        <source>&apos;%1&apos; exists and is not a folder</source>
        <translation>“%1”已存在且不是文件夹</translation>
    </message>
    <message>
        <source>cannot create folder &apos;%1&apos;: %2</source>
        <translation>无法创建文件夹“%1”：%2</translation>
    </message>
    <message>
        <source>cannot check the destination: %1</source>
        <translation>无法检查目标：%1</translation>
    </message>
    <message>
        <source>a folder with this name is at the destination</source>
        <translation>目标位置已有同名文件夹</translation>
    </message>
    <message>
        <source>already exists</source>
        <translation>已存在</translation>
    </message>
    <message>
        <source>up to date</source>
        <translation>已是最新</translation>
    </message>
    <message>
        <source>exists; waiting for a decision</source>
        <translation>已存在；等待决定</translation>
    </message>
    <message>
        <source>would copy</source>
        <translation>将复制</translation>
    </message>
    <message>
        <source>would replace the existing file</source>
        <translation>将替换现有文件</translation>
    </message>
    <message>
        <source>exists; would ask</source>
        <translation>已存在；将询问</translation>
    </message>
    <message>
        <source>creating the file</source>
        <translation>创建文件</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>setting mode and times</source>
        <translation>设置权限和时间</translation>
    </message>
    <message>
        <source>flushing</source>
        <translation>写入磁盘</translation>
    </message>
    <message>
        <source>reading the source to verify</source>
        <translation>读取源文件以校验</translation>
    </message>
    <message>
        <source>reading the copy back</source>
        <translation>读回副本</translation>
    </message>
    <message>
        <source>the copy read back from the disk differs from the source</source>
        <translation>从磁盘读回的副本与源文件不同</translation>
    </message>
    <message>
        <source>putting the copy in place</source>
        <translation>将副本放到位</translation>
    </message>
    <message>
        <source>creating the link</source>
        <translation>创建链接</translation>
    </message>
    <message>
        <source>putting the link in place</source>
        <translation>将链接放到位</translation>
    </message>
    <message>
        <source>flushing &apos;%1&apos; to disk failed: %2</source>
        <translation>将“%1”写入磁盘失败：%2</translation>
    </message>
    <message>
        <source>cancelled before the source was removed</source>
        <translation>在删除源文件之前已取消</translation>
    </message>
    <message>
        <source>the copy was not flushed to disk; the source is kept</source>
        <translation>副本未能写入磁盘；保留源文件</translation>
    </message>
    <message>
        <source>copied, but the source could not be removed: %1</source>
        <translation>已复制，但无法删除源文件：%1</translation>
    </message>
    <message>
        <source>copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>source ended early: it shrank while being copied</source>
        <translation>源文件提前结束：它在复制过程中变小了</translation>
    </message>
    <message>
        <source>read</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>write</source>
        <translation>写入</translation>
    </message>
    <message>
        <source>set size</source>
        <translation>设置大小</translation>
    </message>
    <message>
        <source>cannot open it: %1</source>
        <translation>无法打开：%1</translation>
    </message>
    <message>
        <source>it is no longer a regular file</source>
        <translation>它已不再是普通文件</translation>
    </message>
    <message>
        <source>it was removed while it was being copied</source>
        <translation>它在复制过程中被删除</translation>
    </message>
    <message>
        <source>it was replaced while it was being copied</source>
        <translation>它在复制过程中被替换</translation>
    </message>
    <message>
        <source>it changed while it was being copied</source>
        <translation>它在复制过程中发生了变化</translation>
    </message>
    <message>
        <source>cannot open its folder: %1</source>
        <translation>无法打开其所在文件夹：%1</translation>
    </message>
    <message>
        <source>cannot open the target folder: %1</source>
        <translation>无法打开目标文件夹：%1</translation>
    </message>
    <message>
        <source>copied, but the source changed after it was copied; it is kept</source>
        <translation>已复制，但源文件在复制后发生了变化；源文件已保留</translation>
    </message>
</context>
<context>
    <name>Ferry::DestinationField</name>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Choose or drop the folder to copy into</source>
        <translation>选择或拖放要复制到的文件夹</translation>
    </message>
    <message>
        <source>Destination folder</source>
        <translation>目标文件夹</translation>
    </message>
    <message>
        <source>Choose the destination folder</source>
        <translation>选择目标文件夹</translation>
    </message>
    <message>
        <source>Choose the folder to copy into.</source>
        <translation>请选择要复制到的文件夹。</translation>
    </message>
    <message>
        <source>You cannot write to “%1”.</source>
        <translation>您无法写入“%1”。</translation>
    </message>
    <message>
        <source>“%1” is not a folder.</source>
        <translation>“%1”不是文件夹。</translation>
    </message>
    <message>
        <source>“%1” cannot be created: you cannot write to “%2”.</source>
        <translation>无法创建“%1”：您无法写入“%2”。</translation>
    </message>
    <message>
        <source>The folder will be created.</source>
        <translation>将创建此文件夹。</translation>
    </message>
</context>
<context>
    <name>Ferry::FileStatusModel</name>
    <message>
        <source>Saved as “%1”</source>
        <translation>已另存为“%1”</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Copying</source>
        <translation>正在复制</translation>
    </message>
    <message>
        <source>Needs your decision</source>
        <translation>需要您决定</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation>已移动</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Verification failed</source>
        <translation>校验失败</translation>
    </message>
    <message>
        <source>Not copied</source>
        <translation>未复制</translation>
    </message>
</context>
<context>
    <name>Ferry::FileTable</name>
    <message>
        <source>Fai&amp;led first</source>
        <translation>失败的排在前面(&amp;L)</translation>
    </message>
    <message>
        <source>Show files</source>
        <translation>显示文件</translation>
    </message>
    <message>
        <source>Show failed files first</source>
        <translation>把失败的文件排在前面</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>显示(&amp;H)：</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>All files (%1)</source>
        <translation>全部文件（%1）</translation>
    </message>
    <message>
        <source>In progress (%1)</source>
        <translation>进行中（%1）</translation>
    </message>
    <message>
        <source>Failed (%1)</source>
        <translation>失败（%1）</translation>
    </message>
    <message>
        <source>Skipped (%1)</source>
        <translation>已跳过（%1）</translation>
    </message>
    <message>
        <source>Done (%1)</source>
        <translation>已完成（%1）</translation>
    </message>
</context>
<context>
    <name>Ferry::JobListView</name>
    <message>
        <source>U&amp;p</source>
        <translation>上移(&amp;P)</translation>
    </message>
    <message>
        <source>Dow&amp;n</source>
        <translation>下移(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Hold</source>
        <translation>暂缓(&amp;H)</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>移除(&amp;M)</translation>
    </message>
    <message>
        <source>Change &amp;destination…</source>
        <translation>更改目标(&amp;D)…</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Move the job up</source>
        <translation>将任务上移</translation>
    </message>
    <message>
        <source>Move the job down</source>
        <translation>将任务下移</translation>
    </message>
    <message>
        <source>Hold the job or let it go</source>
        <translation>暂缓任务或让其继续</translation>
    </message>
    <message>
        <source>Remove the job from the list</source>
        <translation>从列表中移除任务</translation>
    </message>
    <message>
        <source>Change where the job copies to</source>
        <translation>更改任务的复制目标</translation>
    </message>
    <message>
        <source>A job on hold does not start; the next one on its disk may</source>
        <translation>暂缓的任务不会开始；同一磁盘上的下一个任务可以开始</translation>
    </message>
    <message>
        <source>Speed limit for all jobs</source>
        <translation>所有任务的速度限制</translation>
    </message>
    <message>
        <source>All jobs at &amp;most:</source>
        <translation>所有任务最多(&amp;M)：</translation>
    </message>
    <message>
        <source>Let it &amp;go</source>
        <translation>继续(&amp;G)</translation>
    </message>
</context>
<context>
    <name>Ferry::JobPanel</name>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Pause or resume</source>
        <translation>暂停或继续</translation>
    </message>
    <message>
        <source>Cancel the copy</source>
        <translation>取消复制</translation>
    </message>
    <message>
        <source>Speed limit for this job</source>
        <translation>此任务的速度限制</translation>
    </message>
    <message>
        <source>Spee&amp;d:</source>
        <translation>速度(&amp;D)：</translation>
    </message>
    <message>
        <source>Cancel the copy?</source>
        <translation>取消复制？</translation>
    </message>
    <message>
        <source>Files already copied are kept. The files being copied now are removed.</source>
        <translation>已复制的文件会保留。正在复制的文件会被删除。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Retrying the failed files (%1)…</source>
        <translation>正在重试失败的文件（%1）…</translation>
    </message>
    <message>
        <source>There is no job to report on.</source>
        <translation>没有可以报告的任务。</translation>
    </message>
    <message>
        <source>Export the report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Report saved to “%1”.</source>
        <translation>报告已保存到“%1”。</translation>
    </message>
    <message>
        <source>The report was not saved</source>
        <translation>报告未保存</translation>
    </message>
    <message>
        <source>Copy this job into</source>
        <translation>将此任务复制到</translation>
    </message>
    <message>
        <source>“%1” has started; its destination stays.</source>
        <translation>“%1”已经开始；其目标不能更改。</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>继续(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Hold</source>
        <translation>暂缓(&amp;H)</translation>
    </message>
    <message>
        <source>Looking at the sources…</source>
        <translation>正在查看来源…</translation>
    </message>
    <message>
        <source>Flushing to disk: the copies are written out before the job is done…</source>
        <translation>正在写入磁盘：任务完成前会先把副本写入磁盘…</translation>
    </message>
    <message>
        <source>Copying: %1 files, %2 in all…</source>
        <translation>正在复制：%1 个文件，共 %2…</translation>
    </message>
    <message>
        <source>Nothing was copied</source>
        <translation>没有复制任何内容</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>Done, with errors.</source>
        <translation>完成，但有错误。</translation>
    </message>
    <message>
        <source>Paused at %1% — Ferry</source>
        <translation>已暂停于 %1% — Ferry</translation>
    </message>
    <message>
        <source>%1% — Ferry</source>
        <translation>%1% — Ferry</translation>
    </message>
    <message>
        <source>Done — Ferry</source>
        <translation>完成 — Ferry</translation>
    </message>
    <message>
        <source>Ferry</source>
        <translation>Ferry</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n more jobs)</source>
        <translation><numerusform>%1（另有 %n 个任务）</numerusform></translation>
    </message>
</context>
<context>
    <name>Ferry::JobProgress</name>
    <message>
        <source>Copy progress</source>
        <translation>复制进度</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>正在扫描…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Copying…</source>
        <translation>正在复制…</translation>
    </message>
    <message>
        <source>Flushing to disk…</source>
        <translation>正在写入磁盘…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Looking at the sources…</source>
        <translation>正在查看来源…</translation>
    </message>
    <message>
        <source>%1 of %2 · %3 of %4 files</source>
        <translation>%1 / %2 · %3 / %4 个文件</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>%1 · %2 left</source>
        <translation>%1 · 剩余 %2</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Done, with errors</source>
        <translation>完成，但有错误</translation>
    </message>
    <message>
        <source>%1 · %2 files/s</source>
        <translation>%1 · 每秒 %2 个文件</translation>
    </message>
    <message>
        <source>%1 still to write</source>
        <translation>还有 %1 待写入</translation>
    </message>
    <message>
        <source>%1 · about %2 left</source>
        <translation>%1 · 约剩 %2</translation>
    </message>
</context>
<context>
    <name>Ferry::JobQueue</name>
    <message>
        <source>%1 of %2 files</source>
        <translation>%1 / %2 个文件</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Copying</source>
        <translation>正在复制</translation>
    </message>
    <message>
        <source>Into</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
</context>
<context>
    <name>Ferry::MainWindow</name>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Cop&amp;y from:</source>
        <translation>复制来源(&amp;Y)：</translation>
    </message>
    <message>
        <source>&amp;Destination:</source>
        <translation>目标(&amp;D)：</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>选项：</translation>
    </message>
    <message>
        <source>Start copying</source>
        <translation>开始复制</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Sources added: %1.</source>
        <translation>已添加来源：%1 个。</translation>
    </message>
    <message>
        <source>Queued: “%1” starts when the jobs before it on its disk are done.</source>
        <translation>已排队：“%1”将在同一磁盘上之前的任务完成后开始。</translation>
    </message>
    <message>
        <source>Add to &amp;queue</source>
        <translation>加入队列(&amp;Q)</translation>
    </message>
    <message>
        <source>Copy cancelled: %1</source>
        <translation>复制已取消：%1</translation>
    </message>
    <message>
        <source>Copy finished: %1</source>
        <translation>复制完成：%1</translation>
    </message>
    <message>
        <source>Added to the queue: %1 into “%2”.</source>
        <translation>已加入队列：%1 复制到“%2”。</translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n jobs and quit?</source>
        <translation>
            <numerusform>取消 %n 个任务并退出？</numerusform>
        </translation>
    </message>
    <message>
        <source>Jobs waiting their turn are not started. Files already copied are kept; the files being copied now are removed.</source>
        <translation>排队等待的任务不会开始。已复制的文件会保留；正在复制的文件会被删除。</translation>
    </message>
</context>
<context>
    <name>Ferry::OptionsPanel</name>
    <message>
        <source>&amp;Verify copies</source>
        <translation>校验副本(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Move (remove the sources)</source>
        <translation>移动（删除来源）(&amp;M)</translation>
    </message>
    <message>
        <source>Automatic (%1)</source>
        <translation>自动（%1）</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <source>How many files are copied at once</source>
        <translation>同时复制的文件数</translation>
    </message>
    <message>
        <source>Ask me</source>
        <translation>询问我</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>覆盖</translation>
    </message>
    <message>
        <source>Overwrite if newer</source>
        <translation>较新时覆盖</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>When a file exists</source>
        <translation>文件已存在时</translation>
    </message>
    <message>
        <source>Read every copy back from the disk and compare it with its source</source>
        <translation>从磁盘读回每个副本并与来源比较</translation>
    </message>
    <message>
        <source>Verify copies</source>
        <translation>校验副本</translation>
    </message>
    <message>
        <source>Remove each source file once its copy is safely on the disk</source>
        <translation>每个副本安全写入磁盘后删除其来源文件</translation>
    </message>
    <message>
        <source>Move instead of copy</source>
        <translation>移动而不是复制</translation>
    </message>
    <message>
        <source>e.g. *.tmp, .git, node_modules</source>
        <translation>例如 *.tmp, .git, node_modules</translation>
    </message>
    <message>
        <source>Exclude patterns</source>
        <translation>排除模式</translation>
    </message>
    <message>
        <source>Names to leave out, separated by commas; * and ? match any text</source>
        <translation>要排除的名称，以逗号分隔；* 和 ? 可匹配任意文字</translation>
    </message>
    <message>
        <source>&amp;Threads:</source>
        <translation>线程数(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;When a file exists:</source>
        <translation>文件已存在时(&amp;W)：</translation>
    </message>
    <message>
        <source>E&amp;xclude:</source>
        <translation>排除(&amp;X)：</translation>
    </message>
</context>
<context>
    <name>Ferry::PlanBuilder</name>
    <message>
        <source>a FIFO</source>
        <translation>命名管道（FIFO）</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>a character device</source>
        <translation>字符设备</translation>
    </message>
    <message>
        <source>a block device</source>
        <translation>块设备</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <source>%1; skipped, not opened</source>
        <translation>%1；已跳过，未打开</translation>
    </message>
    <message>
        <source>an empty source path was given</source>
        <translation>给出了空的源路径</translation>
    </message>
    <message>
        <source>cannot read source &apos;%1&apos;: %2</source>
        <translation>无法读取源“%1”：%2</translation>
    </message>
    <message>
        <source>cannot copy &apos;%1&apos;: it has no name to copy it under</source>
        <translation>无法复制“%1”：它没有可用于复制的名称</translation>
    </message>
    <message>
        <source>cannot read link: %1</source>
        <translation>无法读取链接：%1</translation>
    </message>
    <message>
        <source>cannot read folder: %1</source>
        <translation>无法读取文件夹：%1</translation>
    </message>
    <message>
        <source>broken symbolic link: %1</source>
        <translation>损坏的符号链接：%1</translation>
    </message>
    <message>
        <source>cannot read: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <source>symbolic link loop: it leads back to a folder that contains it</source>
        <translation>符号链接循环：它指回包含它的文件夹</translation>
    </message>
    <message>
        <source>cannot list folder: %1</source>
        <translation>无法列出文件夹内容：%1</translation>
    </message>
</context>
<context>
    <name>Ferry::Preflight</name>
    <message>
        <source>no source given</source>
        <translation>未指定源</translation>
    </message>
    <message>
        <source>no destination given</source>
        <translation>未指定目标</translation>
    </message>
    <message>
        <source>destination &apos;%1&apos; exists and is not a folder</source>
        <translation>目标“%1”已存在且不是文件夹</translation>
    </message>
    <message>
        <source>cannot use destination &apos;%1&apos;: %2</source>
        <translation>无法使用目标“%1”：%2</translation>
    </message>
    <message>
        <source>cannot create destination &apos;%1&apos;: &apos;%2&apos; is not a folder</source>
        <translation>无法创建目标“%1”：“%2”不是文件夹</translation>
    </message>
    <message>
        <source>source &apos;%1&apos; does not exist</source>
        <translation>源“%1”不存在</translation>
    </message>
    <message>
        <source>cannot read source &apos;%1&apos;: %2</source>
        <translation>无法读取源“%1”：%2</translation>
    </message>
    <message>
        <source>destination &apos;%1&apos; is the source folder &apos;%2&apos; itself</source>
        <translation>目标“%1”就是源文件夹“%2”本身</translation>
    </message>
    <message>
        <source>destination &apos;%1&apos; is inside the source folder &apos;%2&apos;</source>
        <translation>目标“%1”位于源文件夹“%2”之内</translation>
    </message>
    <message>
        <source>source &apos;%1&apos; is already in destination &apos;%2&apos;; it would be copied onto itself</source>
        <translation>源“%1”已在目标“%2”中；它会被复制到自身上</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is %2, larger than a FAT32 destination can store (4 GiB)</source>
        <translation>“%1”大小为 %2，超过 FAT32 目标所能存储的上限（4 GiB）</translation>
    </message>
    <message>
        <source>not enough free space on &apos;%1&apos;: the copy needs %2, %3 free</source>
        <translation>“%1”上的可用空间不足：复制需要 %2，可用 %3</translation>
    </message>
</context>
<context>
    <name>Ferry::QueuedJob</name>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 等 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>已排队</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>已暂缓</translation>
    </message>
    <message>
        <source>Copying</source>
        <translation>正在复制</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Flushing</source>
        <translation>正在写入磁盘</translation>
    </message>
    <message>
        <source>Scanning</source>
        <translation>正在扫描</translation>
    </message>
    <message>
        <source>Done, with errors</source>
        <translation>完成，但有错误</translation>
    </message>
    <message>
        <source>This job has no files to report yet.</source>
        <translation>此任务还没有可报告的文件。</translation>
    </message>
</context>
<context>
    <name>Ferry::RateBox</name>
    <message>
        <source>Other…</source>
        <translation>其他…</translation>
    </message>
    <message>
        <source>Copy at most this fast</source>
        <translation>复制速度不超过此值</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>不限速</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>Speed limit</source>
        <translation>速度限制</translation>
    </message>
    <message>
        <source>Bytes per second (k, M and G multiply by 1024; 0 for none):</source>
        <translation>每秒字节数（k、M 和 G 表示乘以 1024；0 表示不限）：</translation>
    </message>
</context>
<context>
    <name>Ferry::SizeText</name>
    <message>
        <source>%1 byte</source>
        <translation>%1 字节</translation>
    </message>
</context>
<context>
    <name>Ferry::SourceList</name>
    <message>
        <source>Add &amp;folder…</source>
        <translation>添加文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Add f&amp;iles…</source>
        <translation>添加文件(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Files and folders to copy</source>
        <translation>要复制的文件和文件夹</translation>
    </message>
    <message>
        <source>Drop files or folders here to add them</source>
        <translation>将文件或文件夹拖放到这里以添加</translation>
    </message>
    <message>
        <source>Add a folder to copy</source>
        <translation>添加要复制的文件夹</translation>
    </message>
    <message>
        <source>Add files to copy</source>
        <translation>添加要复制的文件</translation>
    </message>
    <message>
        <source>Remove the selected sources</source>
        <translation>移除选中的来源</translation>
    </message>
    <message>
        <source>Add the files or folders to copy, or drop them onto this window.</source>
        <translation>请添加要复制的文件或文件夹，或将它们拖放到此窗口。</translation>
    </message>
    <message>
        <source>“%1” does not exist.</source>
        <translation>“%1”不存在。</translation>
    </message>
    <message>
        <source>This path does not exist</source>
        <translation>此路径不存在</translation>
    </message>
</context>
<context>
    <name>Ferry::SummaryPanel</name>
    <message>
        <source>Retry f&amp;ailed</source>
        <translation>重试失败项(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>导出报告(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Open destination</source>
        <translation>打开目标(&amp;O)</translation>
    </message>
    <message>
        <source>Retry the failed files</source>
        <translation>重试失败的文件</translation>
    </message>
    <message>
        <source>Export the report as CSV</source>
        <translation>将报告导出为 CSV</translation>
    </message>
    <message>
        <source>Open the destination folder</source>
        <translation>打开目标文件夹</translation>
    </message>
    <message>
        <source>%1 copied</source>
        <translation>已复制 %1 个</translation>
    </message>
    <message>
        <source>%1 skipped</source>
        <translation>已跳过 %1 个</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>失败 %1 个</translation>
    </message>
    <message>
        <source>%1 not copied</source>
        <translation>未复制 %1 个</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1，用时 %2</translation>
    </message>
    <message>
        <source>%1/s on average</source>
        <translation>平均 %1/秒</translation>
    </message>
    <message>
        <source>Cancelled. Files already copied are kept.</source>
        <translation>已取消。已复制完成的文件会保留。</translation>
    </message>
</context>
</TS>
