package io.kairos.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.scheduler.command.Command;
import io.kairos.scheduler.command.CommandCodec;
import io.kairos.scheduler.command.Result;
import io.kairos.scheduler.command.ResultCodec;
import io.kairos.scheduler.job.JobSpec;
import io.kairos.scheduler.job.Schedule;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Whatever bytes or cron text arrive, applying them yields a result, the same on every node, never an exception. */
class MalformedCommandPropertyTest {

    @Property(tries = 500)
    void arbitraryBytesAreAnsweredWithAResult(@ForAll @Size(max = 64) byte[] bytes) {
        Result a = ResultCodec.decode(new SchedulerStateMachine().apply(1, bytes));
        Result b = ResultCodec.decode(new SchedulerStateMachine().apply(1, bytes));
        assertThat(a).isEqualTo(b);
    }

    @Property(tries = 500)
    void mutatedValidCommandsAreAnsweredWithAResult(@ForAll @IntRange(min = 0, max = 11) int which,
            @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll byte value) {
        List<Command> all = BadInputTest.everyCommand();
        byte[] bytes = CommandCodec.encode(all.get(which));
        bytes[position % bytes.length] = value;
        Driver d = new Driver().tick(1_000);
        Result r = d.applyBytes(bytes);
        assertThat(r).isNotNull();
        if (r instanceof Result.Rejected rejected) {
            assertThat(rejected.reason()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> cronLike() {
        Arbitrary<String> second = Arbitraries.of("*", "0", "0/5", "59", "1-5", "1,2", "60", "/5", "0/0");
        Arbitrary<String> hour = Arbitraries.of("*", "0", "23", "0/2", "2", "24", "3-1");
        Arbitrary<String> dayOfMonth = Arbitraries.of("?", "*", "L", "15W", "1", "31", "LW", "L-3", "30", "0", "32W");
        Arbitrary<String> month = Arbitraries.of("*", "JAN", "2", "FEB-DEC", "1/3", "13", "DEC-JAN");
        Arbitrary<String> dayOfWeek = Arbitraries.of("?", "*", "MON-FRI", "6L", "SUN#5", "2#1", "8", "1#6");
        Arbitrary<String> year = Arbitraries.of("", " 2027", " 2020", " 2026-2030", " 1969", " */2");
        return Combinators.combine(List.of(second, second, hour, dayOfMonth, month, dayOfWeek, year))
                .as(f -> String.join(" ", f.subList(0, 6)) + f.get(6));
    }

    @Property(tries = 1000)
    void cronLikeTextIsEitherAValidScheduleOrAPreciseRejection(@ForAll("cronLike") String cron) {
        assertCreateJobWithCronGivesAResult(cron);
    }

    @Property(tries = 300)
    void arbitraryCronTextIsEitherAValidScheduleOrAPreciseRejection(
            @ForAll @StringLength(max = 40) String text) {
        assertCreateJobWithCronGivesAResult(text.replaceAll("[^0-9*/?,LW#A-Z -]", " "));
    }

    private static void assertCreateJobWithCronGivesAResult(String cron) {
        byte[] bytes = CommandCodec.encode(new Command.CreateJob("c",
                JobSpec.builder(new Schedule.Cron("0 0 12 * * ?", "UTC")).build()));
        // Re-encode with the arbitrary text in place of the expression, bypassing the constructor.
        String asLatin1 = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = asLatin1.indexOf("0 0 12 * * ?");
        byte[] head = Arrays.copyOf(bytes, at - 4);
        byte[] tail = Arrays.copyOfRange(bytes, at + 12, bytes.length);
        byte[] expr = cron.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(head.length + 4 + expr.length + tail.length);
        buf.put(head).putInt(expr.length).put(expr).put(tail);
        Driver d = new Driver().tick(1_000);
        Result r = d.applyBytes(buf.array());
        d.tick(3_000_000).tick(3_600_000); // an accepted expression must also evaluate
        Statistics.label("accepted").collect(r instanceof Result.Applied);
        if (r instanceof Result.Rejected rejected) {
            assertThat(rejected.reason()).matches("(?s)(invalid cron expression '.*': .+|cron expression must not be blank)");
        } else {
            assertThat(r).isEqualTo(new Result.Applied(1));
        }
    }
}
