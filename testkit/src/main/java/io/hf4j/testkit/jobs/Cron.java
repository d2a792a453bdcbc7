package io.hf4j.testkit.jobs;

import org.jspecify.annotations.Nullable;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A schedule of a scheduled job: a {@code @hourly}-style shortcut or a 5-field CRON expression
 * (minute hour day-of-month month day-of-week; {@code *}, lists, ranges, steps, month and day names),
 * evaluated in UTC. As in classic cron, when both day fields are restricted a day matching either runs.
 */
final class Cron {
  private static final Map<String, String> SHORTCUTS = Map.of(
      "@annually", "0 0 1 1 *", "@yearly", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *", "@hourly", "0 * * * *");
  private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean domRestricted;
  private final boolean dowRestricted;

  private Cron(String[] f) {
    minutes = field(f[0], 0, 59, null, "minute");
    hours = field(f[1], 0, 23, null, "hour");
    daysOfMonth = field(f[2], 1, 31, null, "day of month");
    months = field(f[3], 1, 12, MONTHS, "month");
    BitSet dow = field(f[4], 0, 7, DAYS, "day of week");
    if (dow.get(7)) {
      dow.set(0);
    }
    daysOfWeek = dow;
    domRestricted = !f[2].equals("*") && !f[2].equals("?");
    dowRestricted = !f[4].equals("*") && !f[4].equals("?");
  }

  /** Parses a schedule; {@link IllegalArgumentException} with a message for the API's 400 answer. */
  static Cron parse(String schedule) {
    String s = schedule == null ? "" : schedule.strip();
    if (s.startsWith("@")) {
      String expanded = SHORTCUTS.get(s);
      if (expanded == null) {
        throw new IllegalArgumentException("Invalid schedule '" + schedule + "'");
      }
      s = expanded;
    }
    String[] f = s.split("\\s+");
    if (f.length != 5) {
      throw new IllegalArgumentException("Invalid schedule '" + schedule + "': expected 5 fields");
    }
    return new Cron(f);
  }

  private static BitSet field(String text, int min, int max, String[] names, String what) {
    BitSet set = new BitSet(max + 1);
    for (String part : text.split(",")) {
      int step = 1;
      String range = part;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        step = number(part.substring(slash + 1), 0, null, what);
        range = part.substring(0, slash);
        if (step < 1) {
          throw new IllegalArgumentException("Invalid " + what + " step in '" + text + "'");
        }
      }
      int from;
      int to;
      if (range.equals("*") || range.equals("?")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        String[] ab = range.split("-", 2);
        from = number(ab[0], min, names, what);
        to = number(ab[1], min, names, what);
      } else {
        from = number(range, min, names, what);
        to = slash >= 0 ? max : from;
      }
      if (from < min || to > max || from > to) {
        throw new IllegalArgumentException("Invalid " + what + " '" + part + "'");
      }
      for (int v = from; v <= to; v += step) {
        set.set(v);
      }
    }
    return set;
  }

  private static int number(String s, int min, String[] names, String what) {
    if (names != null) {
      String u = s.toUpperCase(Locale.ROOT);
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(u)) {
          return names == MONTHS ? i + 1 : i;
        }
      }
    }
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid " + what + " '" + s + "'");
    }
  }

  /** The first run strictly after {@code after}, or null when none comes within 5 years. */
  @Nullable Instant next(Instant after) {
    ZonedDateTime t = after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    ZonedDateTime limit = t.plusYears(5);
    while (t.isBefore(limit)) {
      if (!months.get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
        continue;
      }
      if (!dayMatches(t)) {
        t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
        continue;
      }
      if (!hours.get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
        continue;
      }
      if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1);
        continue;
      }
      return t.toInstant();
    }
    return null;
  }

  private boolean dayMatches(ZonedDateTime t) {
    boolean dom = daysOfMonth.get(t.getDayOfMonth());
    DayOfWeek d = t.getDayOfWeek();
    boolean dow = daysOfWeek.get(d.getValue() % 7);
    if (domRestricted && dowRestricted) {
      return dom || dow;
    }
    return dom && dow;
  }
}
