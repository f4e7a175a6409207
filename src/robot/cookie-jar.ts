/**
 * The cookies of one probe session. The legacy booking module keeps the flow's
 * state on the server under the `eZSESSID` cookie, so each probe needs its own
 * jar, like a fresh browser. Cookies go back only to the host that set them;
 * paths and domains are ignored (a probe stays on one host).
 */

export class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();

  /** Stores the `Set-Cookie` headers of a response from `host`. */
  store(host: string, setCookie: string | string[] | undefined): void {
    if (setCookie === undefined) return;
    const cookies = this.byHost.get(host) ?? new Map<string, string>();
    for (const header of Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const [pair = '', ...attributes] = header.split(';');
      const separator = pair.indexOf('=');
      if (separator <= 0) continue;
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      if (isExpired(attributes)) cookies.delete(name);
      else cookies.set(name, value);
    }
    this.byHost.set(host, cookies);
  }

  /** The `Cookie` header for a request to `host`, or undefined when there is none. */
  header(host: string): string | undefined {
    const cookies = this.byHost.get(host);
    if (!cookies || cookies.size === 0) return undefined;
    return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** A cookie deleted by the server: `Max-Age=0` or an `Expires` in the past. */
function isExpired(attributes: string[]): boolean {
  for (const attribute of attributes) {
    const [rawName = '', ...rest] = attribute.split('=');
    const name = rawName.trim().toLowerCase();
    const value = rest.join('=').trim();
    if (name === 'max-age' && Number(value) <= 0) return true;
    if (name === 'expires' && Date.parse(value) < Date.now()) return true;
  }
  return false;
}
