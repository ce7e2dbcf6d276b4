package io.kairos.scheduler;

import static io.kairos.scheduler.Driver.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.kairos.scheduler.job.JobSpec;
import io.kairos.scheduler.job.Schedule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Cron times against hand-checked calendars, daylight-saving transitions included. */
class CronCalendarTest {

    /** The first {@code n} fires of {@code cron} in {@code zone} at or after {@code fromIso}, as ISO instants. */
    static List<String> fires(String cron, String zone, String fromIso, int n) {
        ScheduleCalendar calendar = ScheduleCalendar.of(JobSpec.builder(new Schedule.Cron(cron, zone)).build(),
                at(fromIso));
        List<String> out = new ArrayList<>();
        for (long t = calendar.first(); out.size() < n; t = calendar.nextAfter(t)) {
            out.add(java.time.Instant.ofEpochMilli(t).toString());
        }
        return out;
    }

    @Nested
    class EuropeBerlin {

        @Test
        void aDailyTimeInTheSpringGapFiresWhenTheGapEnds() {
            // 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00Z); 02:30 does not exist.
            assertThat(fires("0 30 2 * * ?", "Europe/Berlin", "2026-03-28T00:00:00Z", 3)).containsExactly(
                    "2026-03-28T01:30:00Z", // 02:30 CET
                    "2026-03-29T01:00:00Z", // gap: 03:00 CEST
                    "2026-03-30T00:30:00Z"); // 02:30 CEST
        }

        @Test
        void aDailyTimeInTheAutumnOverlapFiresOnceAtItsFirstOccurrence() {
            // 2026-10-25: 03:00 CEST falls back to 02:00 CET (01:00Z); 02:30 happens at 00:30Z and 01:30Z.
            assertThat(fires("0 30 2 * * ?", "Europe/Berlin", "2026-10-24T00:00:00Z", 3)).containsExactly(
                    "2026-10-24T00:30:00Z", // 02:30 CEST
                    "2026-10-25T00:30:00Z", // first 02:30 (CEST); the second, 01:30Z, does not fire
                    "2026-10-26T01:30:00Z"); // 02:30 CET
        }

        @Test
        void anHourlyCronFiresTwentyThreeTimesOnTheShortDay() {
            List<String> day = fires("0 0 * * * ?", "Europe/Berlin", "2026-03-28T23:00:00Z", 24);
            assertThat(day.subList(0, 4)).containsExactly("2026-03-28T23:00:00Z", "2026-03-29T00:00:00Z",
                    "2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z"); // 02:00 and 03:00 wall are one fire
            assertThat(day.get(22)).isEqualTo("2026-03-29T21:00:00Z"); // 23:00 CEST, the 23rd fire of the day
            assertThat(day.get(23)).isEqualTo("2026-03-29T22:00:00Z"); // midnight: the next day
        }

        @Test
        void anHourlyCronFiresOncePerWallHourOnTheLongDay() {
            assertThat(fires("0 0 * * * ?", "Europe/Berlin", "2026-10-24T23:30:00Z", 4)).containsExactly(
                    "2026-10-25T00:00:00Z", // 02:00 CEST
                    "2026-10-25T02:00:00Z", // 03:00 CET: the repeated 02:00 (01:00Z) does not fire again
                    "2026-10-25T03:00:00Z",
                    "2026-10-25T04:00:00Z");
        }
    }

    @Nested
    class AmericaNewYork {

        @Test
        void aDailyTimeInTheSpringGapFiresWhenTheGapEnds() {
            // 2026-03-08: 02:00 EST jumps to 03:00 EDT (07:00Z).
            assertThat(fires("0 30 2 * * ?", "America/New_York", "2026-03-07T00:00:00Z", 3)).containsExactly(
                    "2026-03-07T07:30:00Z", // 02:30 EST
                    "2026-03-08T07:00:00Z", // gap: 03:00 EDT
                    "2026-03-09T06:30:00Z"); // 02:30 EDT
        }

        @Test
        void aDailyTimeInTheAutumnOverlapFiresOnceAtItsFirstOccurrence() {
            // 2026-11-01: 02:00 EDT falls back to 01:00 EST (06:00Z); 01:30 happens at 05:30Z and 06:30Z.
            assertThat(fires("0 30 1 * * ?", "America/New_York", "2026-10-31T00:00:00Z", 3)).containsExactly(
                    "2026-10-31T05:30:00Z", // 01:30 EDT
                    "2026-11-01T05:30:00Z", // first 01:30 (EDT) only
                    "2026-11-02T06:30:00Z"); // 01:30 EST
        }

        @Test
        void weekdaysAtNineSkipTheWeekend() {
            // 2026-03-06 is a Friday; 09:00 EST is 14:00Z, and 09:00 EDT from Monday 2026-03-09 is 13:00Z.
            assertThat(fires("0 0 9 ? * MON-FRI", "America/New_York", "2026-03-06T00:00:00Z", 2)).containsExactly(
                    "2026-03-06T14:00:00Z", "2026-03-09T13:00:00Z");
        }
    }

    @Test
    void aCronFiresAtOrAfterItsAnchorWithSecondsPrecision() {
        assertThat(fires("0/10 * * * * ?", "UTC", "2026-01-01T12:00:00Z", 3)).containsExactly(
                "2026-01-01T12:00:00Z", "2026-01-01T12:00:10Z", "2026-01-01T12:00:20Z");
        assertThat(fires("0/10 * * * * ?", "UTC", "2026-01-01T12:00:00.001Z", 1)).containsExactly(
                "2026-01-01T12:00:10Z");
    }

    @Test
    void aTenSecondCronFiresEveryTenSecondsNotFifteenWhateverTheTickRhythm() {
        Driver d = new Driver().create("every10", JobSpec.builder(new Schedule.Cron("0/10 * * * * ?", "UTC"))
                .startMillis(at("2026-01-01T12:00:00Z")).build());
        long start = at("2026-01-01T12:00:00Z");
        long[] offsets = {0, 3_100, 7_900, 12_500, 12_500, 14_999, 19_000, 23_700, 28_100, 30_000, 34_400, 38_000,
                41_200, 46_000, 50_700, 54_300, 58_800, 60_001, 61_000};
        for (long offset : offsets) {
            d.tick(start + offset);
        }
        List<Long> gaps = new ArrayList<>();
        List<Long> fired = d.fired("every10");
        for (int i = 1; i < fired.size(); i++) {
            gaps.add(fired.get(i) - fired.get(i - 1));
        }
        assertThat(fired).hasSize(7).first().isEqualTo(start);
        assertThat(gaps).containsOnly(10_000L);
        assertThat(d.job("every10").skippedFires()).isZero();
        assertThat(d.job("every10").nextFireMillis()).hasValue(start + 70_000);
    }

    /**
     * cron-utils 9.2.1 throws DateTimeException (Invalid date 'FEBRUARY 31') computing "31W" for a
     * month without a 31st: every master applying the Tick (or the CreateJob) would have failed on
     * the same entry. Such months have no fire; the search goes on at the next month.
     */
    @Nested
    class NearestWeekdayOfADayAMonthLacks {

        @Test
        void isSkippedInThatMonthInsteadOfThrowing() {
            assertThat(fires("0 0 0 31W * ?", "UTC", "2026-01-15T00:00:00Z", 4)).containsExactly(
                    "2026-01-30T00:00:00Z", // Saturday 31st: Friday
                    "2026-03-31T00:00:00Z", // February has no 31st
                    "2026-05-31T00:00:00Z", // April neither (cron-utils' day, as before this fix)
                    "2026-07-31T00:00:00Z");
            assertThat(fires("0 0 0 29W 2 ?", "UTC", "2026-01-01T00:00:00Z", 2)).containsExactly(
                    "2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z");
        }

        @Test
        void aJobThatCanNeverFireHasNoNextFireAndTicksApply() {
            Driver d = new Driver().tick("2026-01-01T00:00:00Z")
                    .create("feb31", JobSpec.builder(new Schedule.Cron("0 0 0 31W 2 ?", "UTC")).build())
                    .create("monthly", JobSpec.builder(new Schedule.Cron("0 0 0 31W * ?", "Europe/Berlin"))
                            .historySize(JobSpec.MAX_HISTORY).build());
            for (String month : List.of("01", "02", "03", "04", "05", "06")) {
                d.tick("2026-" + month + "-28T12:00:00Z");
            }
            d.tick("2026-07-01T00:00:00Z");
            assertThat(d.job("feb31").nextFireMillis()).isEmpty();
            assertThat(d.job("monthly").firedCount() + d.job("monthly").skippedFires()).as("January, March and May")
                    .isEqualTo(3);
        }
    }
}
