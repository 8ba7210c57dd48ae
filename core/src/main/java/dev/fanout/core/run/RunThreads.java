package dev.fanout.core.run;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The threads a run started, so that it can interrupt them when the caller gives up and wait until
 * none is left. A strategy may start a thread per input, so this is on the hot path too: starting a
 * thread pushes it on a lock-free stack (one compare-and-set on the starter's side), and the stack
 * is pruned of threads that have ended whenever it has doubled since the last pruning, so it stays
 * O(threads alive) in memory at O(1) amortised cost per thread.
 */
final class RunThreads {

    private static final class Node {
        final Thread thread;
        Node next;

        Node(Thread thread) {
            this.thread = thread;
        }
    }

    private final ThreadFactory kind;
    private final AtomicReference<Node> top = new AtomicReference<>();
    /** Held by whoever walks or takes nodes (not by pushes), so no walk meets a half-pruned stack. */
    private final Object takeLock = new Object();
    /** Pushes since the last pruning; racy on purpose (a lost count only delays a pruning). */
    private int pushes;
    private int pruneAt = 64;
    private volatile boolean interruptNew;

    /** @param kind makes the raw threads (their kind and name) */
    RunThreads(ThreadFactory kind) {
        this.kind = kind;
    }

    /** A tracked thread, not started. */
    Thread newThread(Runnable body) {
        Thread thread = kind.newThread(body);
        push(thread);
        if (interruptNew) {
            thread.interrupt(); // started after the run was aborted: it is to end at once
        }
        return thread;
    }

    private void push(Thread thread) {
        Node node = new Node(thread);
        Node head;
        do {
            head = top.get();
            node.next = head;
        } while (!top.compareAndSet(head, node));
        if (++pushes >= pruneAt) {
            prune();
        }
    }

    /** Drops threads that have ended from the stack. */
    private void prune() {
        synchronized (takeLock) {
            Node kept = null;
            Node keptTail = null;
            int count = 0;
            for (Node n = top.getAndSet(null); n != null; ) {
                Node next = n.next;
                if (n.thread.getState() != Thread.State.TERMINATED) {
                    n.next = kept;
                    if (kept == null) {
                        keptTail = n;
                    }
                    kept = n;
                    count++;
                }
                n = next;
            }
            if (kept != null) {
                Node head;
                do {
                    head = top.get();
                    keptTail.next = head;
                } while (!top.compareAndSet(head, kept));
            }
            pushes = 0;
            pruneAt = Math.max(64, 2 * count);
        }
    }

    /** @return whether every thread ever started has ended (or was never started) */
    boolean allEnded() {
        synchronized (takeLock) {
            for (Node n = top.get(); n != null; n = n.next) {
                if (n.thread.isAlive()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Interrupts every thread, and every thread created from now on. */
    void interruptAll() {
        interruptNew = true;
        synchronized (takeLock) {
            for (Node n = top.get(); n != null; n = n.next) {
                n.thread.interrupt();
            }
        }
    }

    /** Waits, without giving up on an interrupt, until every thread ever started has ended. */
    void joinAll() {
        boolean interrupted = false;
        while (true) {
            Node all;
            synchronized (takeLock) {
                all = top.getAndSet(null);
            }
            if (all == null) {
                break;
            }
            for (Node n = all; n != null; n = n.next) {
                while (true) {
                    try {
                        n.thread.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
