package dev.fanout.core.run;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputOrderSlotsTest {

    private static Thread waiter(InputOrderSlots slots, long index, List<Long> admitted) {
        return Thread.ofPlatform().daemon().start(() -> {
            try {
                slots.acquire(index);
                admitted.add(index);
            } catch (InterruptedException e) {
                admitted.add(-index);
            }
        });
    }

    /** Waits (liveness only) until the thread parks in acquire. */
    private static void awaitParked(Thread thread) throws InterruptedException {
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (thread.getState() != Thread.State.WAITING) {
            assertTrue(System.nanoTime() < giveUpAt, "the waiter never parked: " + thread.getState());
            Thread.sleep(1);
        }
    }

    @Test
    void aReleasedSlotGoesToTheEarliestInputEvenIfALaterOneWaitedFirst() throws Exception {
        InputOrderSlots slots = new InputOrderSlots(2, 4);
        slots.acquire(0);
        slots.acquire(1); // the width: both in at once
        List<Long> admitted = new CopyOnWriteArrayList<>();
        Thread three = waiter(slots, 3, admitted);
        awaitParked(three); // input 3 reached acquire first...
        Thread two = waiter(slots, 2, admitted);
        awaitParked(two);

        slots.release(); // ...but the slot is input 2's
        two.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals(List.of(2L), admitted);
        assertEquals(Thread.State.WAITING, three.getState(), "input 3 waits for the next release");

        slots.release();
        three.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals(List.of(2L, 3L), admitted);
    }

    @Test
    void anInterruptedWaiterLeavesWithoutASlotAndTheOthersStillNeedTheirReleases() throws Exception {
        InputOrderSlots slots = new InputOrderSlots(1, 4);
        slots.acquire(0);
        List<Long> admitted = new CopyOnWriteArrayList<>();
        Thread one = waiter(slots, 1, admitted);
        Thread two = waiter(slots, 2, admitted);
        awaitParked(one);
        awaitParked(two);
        one.interrupt();
        one.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals(List.of(-1L), admitted);
        slots.release(); // admits input 1's place, which nobody takes: input 2 needs one more
        assertEquals(Thread.State.WAITING, two.getState());
        slots.release();
        two.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals(List.of(-1L, 2L), admitted);
    }

    /**
     * The strategies' own pattern, many times over: a virtual thread per input, at most width +
     * mostWaiting of them alive, each taking its slot, holding it a moment and giving it back. Every
     * input must get its slot: a lost wake-up leaves one parked for good, and the liveness bound
     * says so. A thread that was admitted while held up before it registered used to erase the
     * registration of the input one ring's length later (a hang once in a few thousand runs of the
     * contract); with -Dfanout.noise=true, as {@code ./fanout test} runs, that window is shaken.
     */
    @Test
    void everyInputGetsItsSlotWhileThreadsComeAndGo() throws Exception {
        int width = 4;
        int mostWaiting = 4;
        int inputs = 50_000;
        InputOrderSlots slots = new InputOrderSlots(width, mostWaiting);
        Semaphore alive = new Semaphore(width + mostWaiting);
        CountDownLatch ended = new CountDownLatch(inputs);
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger mostHolding = new AtomicInteger();
        for (long i = 0; i < inputs; i++) {
            assertTrue(alive.tryAcquire(30, TimeUnit.SECONDS), "no thread ended for 30 s: an input never got its slot ("
                    + ended.getCount() + " of " + inputs + " not ended)");
            long index = i;
            Thread.ofVirtual().start(() -> {
                try {
                    slots.acquire(index);
                    try {
                        mostHolding.accumulateAndGet(holding.incrementAndGet(), Math::max);
                        if (ThreadLocalRandom.current().nextInt(4) == 0) {
                            Thread.yield();
                        }
                        holding.decrementAndGet();
                    } finally {
                        slots.release();
                    }
                } catch (InterruptedException e) {
                    throw new AssertionError("nobody interrupts here", e);
                } finally {
                    ended.countDown();
                    alive.release();
                }
            });
        }
        assertTrue(ended.await(30, TimeUnit.SECONDS), ended.getCount() + " inputs never got their slot");
        assertTrue(mostHolding.get() <= width, "held at once: " + mostHolding.get());
    }

    @Test
    void badArgumentsAreNamed() {
        assertEquals("width must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> new InputOrderSlots(0, 1)).getMessage());
        assertEquals("mostWaiting must be at least 0, was -1",
                assertThrows(IllegalArgumentException.class, () -> new InputOrderSlots(1, -1)).getMessage());
    }
}
