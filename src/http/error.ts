// The error every remote call throws: the HTTP client, the registry clients and the GitHub API
// fallback share it, so the pipeline reports any of them the same way.
/** A failure a person can act on; `retryable` failures are transient (network, 5xx, 429). */
export class RegistryError extends Error {
  constructor(
    message: string,
    readonly options: { status?: number; retryable?: boolean; cause?: unknown } = {}
  ) {
    super(message, { cause: options.cause })
    this.name = 'RegistryError'
  }
}
