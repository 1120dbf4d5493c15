package org.odfbeam.pipelines.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes the Demo's bundled source data under {@code examples/demo/data} (committed; re-run only to change it):
 * monthly snapshots of a weather-station registry as CSV, and 8-hourly readings of those stations as NDJSON, one
 * file per month. Seeded, so every run writes the same bytes. Uses only the JDK, so it runs without a build:
 * {@code java pipelines/src/test/java/org/odfbeam/pipelines/demo/DemoDataGenerator.java examples/demo/data}.
 *
 * <p>Between the snapshots the registry changes the way real ones do: a station is renamed, one is moved to another
 * city, an elevation is corrected, one station is decommissioned and two are commissioned, so the Snapshot merge
 * emits corrections, a retraction and appends, and the temporal join must use the version valid at each reading.
 */
public final class DemoDataGenerator {
  private DemoDataGenerator() {}

  record City(String name, String country, double lat, double lon, double meanTempC) {}

  record Station(String id, String name, City city, double lat, double lon, int elevationM) {
    Station withName(String n) {
      return new Station(id, n, city, lat, lon, elevationM);
    }

    Station withCity(City c, double la, double lo) {
      return new Station(id, name, c, la, lo, elevationM);
    }

    Station withElevation(int e) {
      return new Station(id, name, city, lat, lon, e);
    }
  }

  static final List<City> CITIES = List.of(
      new City("Oslo", "NO", 59.91, 10.75, -4.3),
      new City("Helsinki", "FI", 60.17, 24.94, -4.9),
      new City("Berlin", "DE", 52.52, 13.40, 0.6),
      new City("Warsaw", "PL", 52.23, 21.01, -1.8),
      new City("Vienna", "AT", 48.21, 16.37, 0.3),
      new City("Zurich", "CH", 47.38, 8.54, 0.2),
      new City("Paris", "FR", 48.86, 2.35, 5.0),
      new City("Madrid", "ES", 40.42, -3.70, 6.3),
      new City("Lisbon", "PT", 38.72, -9.14, 11.4),
      new City("Rome", "IT", 41.90, 12.50, 7.5));

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "examples/demo/data");
    Random random = new Random(20_260_101L);
    List<Station> january = new ArrayList<>();
    int n = 1;
    for (City c : CITIES) {
      int perCity = 3 + random.nextInt(2);
      for (int i = 0; i < perCity; i++, n++) {
        double lat = c.lat() + (random.nextDouble() - 0.5) * 0.2;
        double lon = c.lon() + (random.nextDouble() - 0.5) * 0.2;
        january.add(new Station(String.format(Locale.ROOT, "ST-%03d", n),
            c.name() + " " + List.of("Central", "Airport", "Harbour", "North", "Hill").get(i), c, lat, lon,
            20 + random.nextInt(400)));
      }
    }
    List<Station> february = new ArrayList<>(january);
    february.set(1, february.get(1).withName(february.get(1).name() + " II"));       // renamed
    Station moved = february.get(6);
    february.set(6, moved.withCity(CITIES.get(3), 52.16, 20.97));                    // moved to Warsaw
    february.set(12, february.get(12).withElevation(february.get(12).elevationM() + 37)); // corrected
    february.remove(20);                                                               // decommissioned
    City lisbon = CITIES.get(8);
    february.add(new Station(String.format(Locale.ROOT, "ST-%03d", n++), "Lisbon Belem", lisbon, 38.70, -9.21, 12));
    City rome = CITIES.get(9);
    february.add(new Station(String.format(Locale.ROOT, "ST-%03d", n), "Rome Ostia", rome, 41.73, 12.29, 4));

    Files.createDirectories(out.resolve("stations"));
    Files.createDirectories(out.resolve("readings"));
    writeStations(out.resolve("stations/stations-2026-01-01.csv"), january);
    writeStations(out.resolve("stations/stations-2026-02-01.csv"), february);
    writeReadings(out.resolve("readings/readings-2026-01.ndjson"), january, LocalDate.of(2026, 1, 1), random);
    writeReadings(out.resolve("readings/readings-2026-02.ndjson"), february, LocalDate.of(2026, 2, 1), random);
  }

  private static void writeStations(Path file, List<Station> stations) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("station_id,name,city,country,latitude,longitude,elevation_m");
    for (Station s : stations) {
      lines.add(String.format(Locale.ROOT, "%s,%s,%s,%s,%.4f,%.4f,%d", s.id(), s.name(), s.city().name(),
          s.city().country(), s.lat(), s.lon(), s.elevationM()));
    }
    Files.write(file, lines);
  }

  /** Readings every 8 hours for the month; a few are missing or lack humidity, as in real feeds. */
  private static void writeReadings(Path file, List<Station> stations, LocalDate month, Random random)
      throws IOException {
    List<String> lines = new ArrayList<>();
    for (LocalDate day = month; day.getMonth() == month.getMonth(); day = day.plusDays(1)) {
      for (int hour = 0; hour < 24; hour += 8) {
        Instant at = day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
        for (Station s : stations) {
          if (random.nextInt(50) == 0) {
            continue; // a missed reading
          }
          double diurnal = hour == 16 ? 3.0 : hour == 8 ? 0.5 : -2.0;
          double temp = s.city().meanTempC() + diurnal - s.elevationM() / 150.0 + random.nextGaussian() * 2.5;
          String humidity = random.nextInt(25) == 0 ? "null"
              : Integer.toString(45 + random.nextInt(50));
          lines.add(String.format(Locale.ROOT,
              "{\"station_id\":\"%s\",\"observed_at\":\"%s\",\"temperature_c\":%.1f,\"humidity_pct\":%s}",
              s.id(), at, temp, humidity));
        }
      }
    }
    Files.write(file, lines);
  }
}
