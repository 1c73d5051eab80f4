/**
 * What every HTTP provider fake (Fonnte, Wablas, WhatsApp Cloud, Web Push) is built on: one
 * FakeHttpServer on 127.0.0.1 that hands each request to the fake's `route`, and start/stop/url.
 */
import { FakeHttpServer, type FakeReply, type FakeRequest } from './http-fake';

export abstract class HttpProviderFake {
  readonly http: FakeHttpServer;

  constructor(opts: { port?: number; tls?: boolean } = {}) {
    this.http = new FakeHttpServer((r) => this.route(r), opts);
  }

  /** The provider's answer to one request (faults injected with `http.fail` come first). */
  protected abstract route(r: FakeRequest): FakeReply | Promise<FakeReply>;

  async start() {
    await this.http.start();
    return this;
  }
  stop() {
    return this.http.stop();
  }
  get url() {
    return this.http.url;
  }
}
