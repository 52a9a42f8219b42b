#pragma once
// Whether a thread of this process is running or waiting for a CPU, read from
// /proc. On a machine shared by many nodes a thread can wait longer than any
// stall interval without being blocked, and treating it as blocked would only
// add threads.
namespace maelstrom::detail {

// The calling thread's kernel id.
long current_thread_id() noexcept;

// True when the thread is running or runnable. Without /proc every thread
// counts as blocked, which is the cautious answer for a stall check.
bool thread_is_runnable(long tid);

}  // namespace maelstrom::detail
