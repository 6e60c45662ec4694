package dev.greentrain.listeners.energy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CPU package energy measured by RAPL through the Linux powercap interface (Intel, and AMD through
 * the same {@code intel-rapl} zones): the sum of every package domain, for the whole socket(s), not
 * just this process.
 */
public final class RaplEnergySource implements EnergySource {

    /** Where Linux exposes powercap zones. */
    public static final Path POWERCAP = Path.of("/sys/class/powercap");

    private static final Logger logger = LoggerFactory.getLogger(RaplEnergySource.class);

    private final List<RaplDomain> domains;

    private RaplEnergySource(List<RaplDomain> domains) {
        this.domains = domains;
    }

    /**
     * Opens every RAPL package domain under a powercap directory.
     *
     * @param powercap the powercap directory, normally {@link #POWERCAP}
     * @return the source, or empty when there is no readable package domain (a warning that says
     *     how to grant read access is logged once when the files exist but cannot be read)
     */
    public static Optional<EnergySource> detect(Path powercap) {
        return detect(powercap, RaplDomain.FileReader.SYSFS);
    }

    static Optional<EnergySource> detect(Path powercap, RaplDomain.FileReader reader) {
        List<Path> packages = packageDomains(powercap);
        if (packages.isEmpty()) {
            return Optional.empty();
        }
        List<RaplDomain> domains = new ArrayList<>();
        for (Path directory : packages) {
            try {
                domains.add(new RaplDomain(directory, reader));
            } catch (AccessDeniedException e) {
                logger.warn(
                        "RAPL energy counter {} is not readable by this user, so CPU energy is"
                                + " modelled (CPU time x TDP), not measured. To measure it, grant"
                                + " read access: sudo chmod a+r {}/energy_uj (or a udev rule for"
                                + " powercap).",
                        directory.resolve("energy_uj"),
                        powercap.resolve("intel-rapl:*"));
                return Optional.empty();
            } catch (IOException | RuntimeException e) {
                logger.warn(
                        "RAPL energy counter in {} cannot be read ({}), so CPU energy is"
                                + " modelled (CPU time x TDP), not measured.",
                        directory,
                        e.toString());
                return Optional.empty();
            }
        }
        return Optional.of(new RaplEnergySource(domains));
    }

    /** The top-level zones {@code intel-rapl:N} whose name starts with "package". */
    private static List<Path> packageDomains(Path powercap) {
        if (!Files.isDirectory(powercap)) {
            return List.of();
        }
        try (Stream<Path> zones = Files.list(powercap)) {
            return zones.filter(z -> z.getFileName().toString().matches("intel-rapl:\\d+"))
                    .filter(RaplEnergySource::isPackage)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean isPackage(Path zone) {
        try {
            return Files.readString(zone.resolve("name")).trim().startsWith("package");
        } catch (IOException e) {
            // no readable name: a top-level intel-rapl zone is a package domain
            return true;
        }
    }

    /** {@inheritDoc} */
    @Override
    public String component() {
        return "cpu";
    }

    /** {@inheritDoc} */
    @Override
    public String method() {
        return "rapl";
    }

    /** {@inheritDoc} */
    @Override
    public double joules() {
        double total = 0;
        for (RaplDomain domain : domains) {
            try {
                total += domain.joules();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }
}
