package dev.backstop.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads Backstop's version from the jar manifest ("dev" when run from classes). */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"backstop " + (version == null ? "dev" : version)};
    }
}
