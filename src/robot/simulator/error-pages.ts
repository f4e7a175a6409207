/**
 * Error pages as servers and anti-bot layers send them. Only the signals
 * documented in booking-systems.md §2.4, §2.6 and §3.3 matter to the robot:
 * "502 Bad Gateway" in the body, status 403, a challenge page.
 */

const STATUS_TEXT: Record<number, string> = {
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** The plain page of a web server or proxy (nginx style). */
export function statusPage(status: number): string {
  const title = `${status} ${STATUS_TEXT[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** An interstitial anti-bot challenge (Cloudflare style), served with 503. */
export function challengePage(): string {
  return `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head>
<body><div class="main-wrapper" role="main"><div class="main-content"><h1>Vérification que vous êtes un humain</h1>
<div id="challenge-stage"></div></div></div>
<script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script></body></html>
`;
}
