// The BAML language/runtime version this implementation tracks (generator `version` blocks and
// `baml-cli --version` compatibility), and this package's own version.
export const BAML_VERSION = '0.226.2'
export const PACKAGE_VERSION = '0.1.0'
