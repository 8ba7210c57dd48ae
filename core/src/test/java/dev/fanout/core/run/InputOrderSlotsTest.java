package dev.fanout.core.run;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

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

    @Test
    void badArgumentsAreNamed() {
        assertEquals("width must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> new InputOrderSlots(0, 1)).getMessage());
        assertEquals("mostWaiting must be at least 0, was -1",
                assertThrows(IllegalArgumentException.class, () -> new InputOrderSlots(1, -1)).getMessage());
    }
}
