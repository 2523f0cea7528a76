import type { Report } from '../shared/domain/report.js';
import type { ProfilePage } from '../shared/ports/profile-store.js';

/** The local API, called as any HTTP client would: plain fetch, no signature (the local server checks none). */
export class ApiClient {
  constructor(private readonly baseUrl: string) {}

  /** POST /v1/events: how many the API accepted and rejected. */
  async postEvents(events: unknown[]): Promise<{ accepted: number; rejected: number }> {
    const body = await this.call<{ accepted?: number; rejected?: number }>('POST', '/v1/events', events);
    return { accepted: body.accepted ?? 0, rejected: body.rejected ?? 0 };
  }

  /** PUT /v1/contractors/{id}/claims: one claim record. */
  async putClaim(contractorId: string, claim: unknown): Promise<void> {
    await this.call('PUT', `/v1/contractors/${encodeURIComponent(contractorId)}/claims`, claim);
  }

  /** GET /v1/contractors, every page: the contractor ids the pipeline knows. */
  async contractorIds(): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const query = cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const page = await this.call<ProfilePage>('GET', `/v1/contractors?limit=100${query}`);
      for (const profile of page.profiles) ids.push(profile.contractorId);
      cursor = page.cursor;
    } while (cursor !== undefined);
    return ids;
  }

  /** GET /v1/contractors/{id}/report. */
  report(contractorId: string): Promise<Report> {
    return this.call<Report>('GET', `/v1/contractors/${encodeURIComponent(contractorId)}/report`);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new ApiError(method, path, response.status, text);
    return (text === '' ? {} : JSON.parse(text)) as T;
  }
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    method: string,
    path: string,
    readonly status: number,
    body: string,
  ) {
    super(`${method} ${path} answered ${status}: ${body.slice(0, 300)}`);
  }
}
