package io.smartnas.space.run;

import io.smartnas.space.InvalidInputException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationsTest {
    @Test
    void durationsReadAsTheOptionsTakeThem() {
        assertEquals(Duration.ofSeconds(90), Durations.parse("90s"));
        assertEquals(Duration.ofMinutes(15), Durations.parse("15m"));
        assertEquals(Duration.ofHours(2), Durations.parse("2h"));
        assertEquals(Duration.ofSeconds(100), Durations.parse("1m40s"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofMinutes(15), Durations.parse("PT15M"));
        assertEquals(Duration.ofMinutes(-5), Durations.parse("-5m"), "read, for the caller to refuse");
        for (String bad : new String[] {"", "m", "15", "15x", "1s2m", "-", "1.5h"}) {
            assertThrows(InvalidInputException.class, () -> Durations.parse(bad), bad);
        }
    }

    @Test
    void durationsPrintAsTheOptionsTakeThem() {
        assertEquals("1m40s", Durations.text(Duration.ofSeconds(100)));
        assertEquals("14m", Durations.text(Duration.ofMinutes(14)));
        assertEquals("2h", Durations.text(Duration.ofHours(2)));
        assertEquals("1h5s", Durations.text(Duration.ofSeconds(3605)));
        assertEquals("0s", Durations.text(Duration.ZERO));
    }

    @Property
    void whatIsPrintedReadsBack(@ForAll @LongRange(min = 1, max = 1_000_000) long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        assertEquals(d, Durations.parse(Durations.text(d)));
    }
}
