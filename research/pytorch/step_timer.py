"""Times a training step the way the TypeScript step benches do, for the PyTorch step timers.

`minimise(opt, loss)` is one optimiser update. `time_steps(step, warmup, steps)` calls `step(i)` warmup + steps times (i = 1, 2, ...), times each
call in wall and process CPU milliseconds after the warm-up, and returns the JSON fields the
benches read: threads, stepMs, stepCpuMs, medianMs, medianCpuMs, torch, peakRssMB.
"""
import resource
import statistics
import time

import torch


def minimise(opt: torch.optim.Optimizer, loss: torch.Tensor) -> None:
    """One optimiser update on `loss`: zero the gradients, backpropagate, step."""
    opt.zero_grad()
    loss.backward()
    opt.step()


def time_steps(step, warmup: int, steps: int) -> dict:
    ms, cpu = [], []
    for i in range(warmup + steps):
        t0, c0 = time.perf_counter(), time.process_time()
        step(i + 1)
        t1, c1 = time.perf_counter(), time.process_time()
        if i >= warmup:
            ms.append((t1 - t0) * 1000)
            cpu.append((c1 - c0) * 1000)
    return {
        'threads': torch.get_num_threads(), 'stepMs': ms, 'stepCpuMs': cpu,
        'medianMs': statistics.median(ms), 'medianCpuMs': statistics.median(cpu),
        'torch': torch.__version__,
        'peakRssMB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
