//! Parallel: work on every core, results consumed in order.
//!
//! `map_in_order` runs a function over a list on worker threads (std threads, no pool) and
//! hands the results to the calling thread in the list's order, so what is written or
//! stored stays deterministic. Workers run at most a window of items ahead of the consumer,
//! so memory stays bounded however slow the consumer (a store, a disk) is.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

/// The threads to work on: one per core.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// Runs `work` on each item on `threads` threads and calls `consume(index, result)` on the
/// calling thread in the items' order; `consume` returning false stops the run (items not
/// yet started are not worked on).
pub fn map_in_order<I: Sync, T: Send>(items: &[I], threads: usize, work: impl Fn(&I) -> T + Sync, mut consume: impl FnMut(usize, T) -> bool) {
    let threads = threads.clamp(1, items.len().max(1));
    let window = threads * 4;
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let consumed = (Mutex::new(0usize), Condvar::new());
    let (sender, receiver) = mpsc::channel::<(usize, T)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let (next, stop, consumed, work) = (&next, &stop, &consumed, &work);
            scope.spawn(move || {
                // A worker that panics stops the run: no other waits for the result it will
                // never send, and the scope passes its panic on.
                let _stop_on_panic = StopOnPanic { stop, consumed };
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() {
                        break;
                    }
                    let mut done = consumed.0.lock().expect("no worker panics holding it");
                    while i >= *done + window && !stop.load(Ordering::Relaxed) {
                        done = consumed.1.wait(done).expect("no worker panics holding it");
                    }
                    drop(done);
                    if stop.load(Ordering::Relaxed) || sender.send((i, work(&items[i]))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut pending = BTreeMap::new();
        let mut wanted = 0;
        'receive: for (i, result) in receiver.iter() {
            pending.insert(i, result);
            while let Some(result) = pending.remove(&wanted) {
                let go_on = consume(wanted, result);
                wanted += 1;
                *consumed.0.lock().expect("no worker panics holding it") = wanted;
                consumed.1.notify_all();
                if !go_on {
                    stop.store(true, Ordering::Relaxed);
                    consumed.1.notify_all();
                    break 'receive;
                }
            }
        }
    });
}

/// Stops a `map_in_order` run when the worker holding it panics (on drop while unwinding).
struct StopOnPanic<'a> {
    stop: &'a AtomicBool,
    consumed: &'a (Mutex<usize>, Condvar),
}

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            // (Under the lock, so that no worker between its check and its wait misses it.)
            let _done = self.consumed.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            self.stop.store(true, Ordering::Relaxed);
            self.consumed.1.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_from_every_thread() {
        let items: Vec<u64> = (0..500).collect();
        let mut seen = Vec::new();
        let workers = Mutex::new(std::collections::HashSet::new());
        map_in_order(
            &items,
            4,
            |&n| {
                workers.lock().unwrap().insert(std::thread::current().id());
                // Uneven work, so results arrive out of order.
                std::thread::sleep(std::time::Duration::from_micros((n * 7919) % 300));
                n * n
            },
            |i, r| {
                seen.push((i, r));
                true
            },
        );
        assert_eq!(seen, items.iter().map(|&n| (n as usize, n * n)).collect::<Vec<_>>());
        assert!(workers.lock().unwrap().len() > 1, "the work was shared");
    }

    #[test]
    fn a_worker_that_panics_ends_the_run_with_its_panic() {
        // The run on its own thread: were it to hang, the test fails instead of hanging too.
        let (done, finished) = mpsc::channel();
        std::thread::spawn(move || {
            let items: Vec<usize> = (0..1_000).collect();
            let run = std::panic::catch_unwind(|| {
                map_in_order(
                    &items,
                    2,
                    |&n| {
                        assert!(n != 0, "item 0 fails");
                        n
                    },
                    |_, _| true,
                );
            });
            done.send(run.is_err()).expect("the test waits");
        });
        let panicked = finished.recv_timeout(std::time::Duration::from_secs(60)).expect("the run ended instead of waiting forever for item 0");
        assert!(panicked, "the worker's panic reached the caller");
    }

    #[test]
    fn a_stop_ends_the_run_early() {
        let items: Vec<usize> = (0..10_000).collect();
        let started = AtomicUsize::new(0);
        let mut consumed = 0;
        map_in_order(
            &items,
            2,
            |&n| {
                started.fetch_add(1, Ordering::Relaxed);
                n
            },
            |i, _| {
                consumed += 1;
                i < 9
            },
        );
        assert_eq!(consumed, 10);
        assert!(started.load(Ordering::Relaxed) < 100, "workers stop within their window: {}", started.load(Ordering::Relaxed));
    }
}
