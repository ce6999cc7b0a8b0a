import { Logger } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import express, { Request, Response } from 'express';
import { get, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorFilter } from './error.filter';

/**
 * The filter on a real Express response over a real HTTP server: a download
 * that fails once its headers and first bytes are out (a report streamed page
 * by page) can no longer get an error body.
 */
describe('ErrorFilter', () => {
  let server: Server;
  let base: string;
  /** What the filter itself threw, per request. */
  const thrown: unknown[] = [];
  const fail = (req: Request, res: Response) => {
    try {
      new ErrorFilter().catch(new Error('the database went away between pages'), new ExecutionContextHost([req, res]));
    } catch (error) {
      thrown.push(error);
      res.destroy();
    }
  };

  beforeAll(async () => {
    const app = express();
    app.get('/streaming', (req, res) => {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.write('first,page\r\n');
      setImmediate(() => fail(req, res));
    });
    app.get('/before', (req, res) => fail(req, res));
    server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => (thrown.length = 0));
  afterEach(() => jest.restoreAllMocks());

  it('aborts a response whose headers are already sent, logging the error once, instead of writing headers again', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const res = await download(`${base}/streaming`);
    expect(thrown).toEqual([]);
    expect(res.status).toBe(200);
    expect(res.body).toBe('first,page\r\n');
    // Aborted, not ended: the client cannot take the truncated file for a whole one.
    expect(res.aborted).toBe(true);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0][0])).toMatch(/GET \/streaming.*the database went away between pages/s);
  });

  it('still answers the JSON error body when nothing was sent yet', async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const res = await download(`${base}/before`);
    expect(thrown).toEqual([]);
    expect(res.aborted).toBe(false);
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body)).toEqual({ statusCode: 500, code: 'INTERNAL', message: 'Something went wrong on our side' });
  });
});

/** A GET that reports what arrived and whether the response was cut off before its end. */
function download(url: string): Promise<{ status: number; body: string; aborted: boolean }> {
  return new Promise((resolve, reject) => {
    get(url, (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, aborted: false }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body, aborted: true }));
    }).on('error', reject);
  });
}
