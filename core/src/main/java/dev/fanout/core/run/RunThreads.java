package dev.fanout.core.run;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ThreadFactory;

/**
 * The threads a run started, so that it can interrupt them when the caller gives up and wait until
 * none is left. A strategy may start a thread per input, so this is on the hot path too: starting a
 * thread pushes it on a lock-free stack (one compare-and-set on the starter's side), and the stack
 * is pruned of threads that have ended whenever it has doubled since the last pruning, so it stays
 * O(threads alive) in memory at O(1) amortised cost per thread (reading the state of each thread
 * that has ended, about once). The starting thread writes its fields on every start, and no task's
 * thread touches them, so they sit on cache lines of their own ({@link CacheLinePadding}).
 *
 * <p>(The JDK's thread-per-task executor tracks its threads too, but its termination means every
 * task has returned, not every thread has ended; the run promises the latter, so it joins each
 * thread itself.)
 */
final class RunThreads extends RunThreadsFields {

    @SuppressWarnings("unused")
    private long q0, q1, q2, q3, q4, q5, q6, q7;

    /** @param kind makes the raw threads (their kind and name) */
    RunThreads(ThreadFactory kind) {
        super(kind);
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
            head = top;
            node.next = head;
        } while (!TOP.compareAndSet(this, head, node));
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
            for (Node n = (Node) TOP.getAndSet(this, (Node) null); n != null; ) {
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
                    head = top;
                    keptTail.next = head;
                } while (!TOP.compareAndSet(this, head, kept));
            }
            pushes = 0;
            pruneAt = Math.max(64, 2 * count);
        }
    }

    /** @return whether every thread ever started has ended (or was never started) */
    boolean allEnded() {
        synchronized (takeLock) {
            for (Node n = top; n != null; n = n.next) {
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
            for (Node n = top; n != null; n = n.next) {
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
                all = (Node) TOP.getAndSet(this, (Node) null);
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

abstract class RunThreadsFields extends CacheLinePadding {
    static final VarHandle TOP;

    static {
        try {
            TOP = MethodHandles.lookup().findVarHandle(RunThreadsFields.class, "top", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final class Node {
        final Thread thread;
        Node next;

        Node(Thread thread) {
            this.thread = thread;
        }
    }

    final ThreadFactory kind;
    volatile Node top;
    /** Held by whoever walks or takes nodes (not by pushes), so no walk meets a half-pruned stack. */
    final Object takeLock = new Object();
    /** Pushes since the last pruning; racy on purpose (a lost count only delays a pruning). */
    int pushes;
    int pruneAt = 64;
    volatile boolean interruptNew;

    RunThreadsFields(ThreadFactory kind) {
        this.kind = kind;
    }
}
