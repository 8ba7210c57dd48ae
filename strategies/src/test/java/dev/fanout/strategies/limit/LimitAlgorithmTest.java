package dev.fanout.strategies.limit;

import dev.fanout.core.NanoClock;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LimitAlgorithmTest {

    @Test
    void theAlgorithmsByName() {
        assertEquals(List.of("aimd", "gradient"), LimitAlgorithm.names());
        assertEquals(LimitAlgorithm.AIMD, LimitAlgorithm.named("aimd"));
        assertEquals(LimitAlgorithm.GRADIENT, LimitAlgorithm.named(" Gradient "));
        assertInstanceOf(AimdLimit.class, LimitAlgorithm.AIMD.create(16, NanoClock.SYSTEM));
        assertInstanceOf(GradientLimit.class, LimitAlgorithm.GRADIENT.create(16, NanoClock.SYSTEM));
        assertEquals(10, LimitAlgorithm.AIMD.create(16, NanoClock.SYSTEM).limit());
        assertEquals(16, LimitAlgorithm.GRADIENT.create(16, 100, NanoClock.SYSTEM).limit());
    }

    @Test
    void anUnknownNameListsTheValidOnes() {
        assertEquals("unknown limit algorithm 'vegas'; valid algorithms: aimd, gradient",
                assertThrows(IllegalArgumentException.class, () -> LimitAlgorithm.named("vegas")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> LimitAlgorithm.named(null));
    }
}
