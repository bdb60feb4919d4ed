// URLs a report shows come from registries and from configuration. A registry target written as
// `https://user:token@host/...` would otherwise carry a secret into a summary or an output, so
// every face shows URLs through here (defence in depth: the config should never hold one).

/** The URL without user and password; anything that is not an absolute URL is returned unchanged. */
export function withoutCredentials(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return value
  }
  if (url.username === '' && url.password === '') return value
  url.username = ''
  url.password = ''
  return url.href
}

/** An http(s) URL fit to be a link target, or undefined (`javascript:` and the like are never links). */
export function linkableUrl(value: string | undefined): string | undefined {
  if (!value) return undefined
  let url: URL
  try {
    url = new URL(withoutCredentials(value))
  } catch {
    return undefined
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined
  return url.href
}
