package dev.fanout.benchmarks.cli;

import dev.fanout.strategies.StrategyRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ListCommandTest {

    @Test
    void listMarksTheStrategiesThatNeedThePreviewFlagAndNoOther() {
        CommandLineCapture result = CommandLineCapture.run("list");
        assertEquals(0, result.exitCode(), result.err());
        List<String> marked = result.out().lines().filter(l -> l.endsWith(ListCommand.PREVIEW_NOTE))
                .map(l -> l.substring(0, l.indexOf(' '))).toList();
        assertEquals(List.of("structured"), marked, result.out());
        assertEquals(StrategyRegistry.names().stream().filter(StrategyRegistry::needsPreview).toList(), marked);
    }
}
