/**
 * /open311/v2: GeoReport v2, `.json` or `.xml` by suffix. Errors of this prefix answer in the
 * standard's format (`[{"code":400,"description":"…"}]` or `<errors><error>…`), in the format
 * the path asked for (XML when none).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/app-error.js';
import { inputFaultAnswer, logRequestError } from '../../plugins/errors.js';
import type { TApp } from '../../lib/types.js';
import * as o311 from './open311.service.js';
import { toXml, xmlList, type TXmlNode, type TXmlValue } from './xml.js';

type TFormat = 'json' | 'xml';

/** Splits `name.json` / `name.xml` into its name and format; null for any other suffix. */
function splitFormat(file: string): { name: string; format: TFormat } | null {
  const m = /^(.*)\.(json|xml)$/.exec(file);
  if (!m) return null;
  try {
    return { name: decodeURIComponent(m[1]), format: m[2] as TFormat };
  } catch {
    // A malformed escape (%E0%A4%A) is the client's mistake, not an error of ours.
    throw new o311.Open311Error(400, '路径中的编码无效');
  }
}

function formatOf(req: FastifyRequest): TFormat {
  return req.url.split('?')[0].endsWith('.json') ? 'json' : 'xml';
}

/** Lowers an array of records into XML: the root, one element per record, nested values inside. */
function toXmlValue(v: unknown): TXmlValue {
  if (Array.isArray(v)) return xmlList('value', v.map(toXmlValue));
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toXmlValue(x)])) as TXmlNode;
  }
  return v as TXmlValue;
}

function send(reply: FastifyReply, format: TFormat, root: string, item: string, records: object[], status = 200) {
  reply.code(status).header('x-content-type-options', 'nosniff');
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(records));
  const items = records.map((r) => toXmlValue(r));
  return reply.type('text/xml; charset=utf-8').send(toXml(root, xmlList(item, items)));
}

function sendError(reply: FastifyReply, format: TFormat, status: number, description: string) {
  return send(reply, format, 'errors', 'error', [{ code: status, description }], status);
}

function baseUrl(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

/** Open311 endpoints, registered at /open311/v2. */
export async function open311Routes(app: TApp) {
  const { db } = app.deps;

  // POST bodies are application/x-www-form-urlencoded (the standard); repeated keys keep the first.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    const out: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(body as string)) if (!(k in out)) out[k] = v;
    done(null, out);
  });

  app.setErrorHandler((err, req, reply) => {
    const format = formatOf(req);
    if (err instanceof o311.Open311Error) return sendError(reply, format, err.status, err.message);
    if (err instanceof AppError) return sendError(reply, format, Math.min(err.status, 500), err.message);
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return sendError(reply, format, status, '请求格式不正确');
    const fault = inputFaultAnswer(err);
    if (fault) {
      logRequestError(req, err, 'warn', 'open311: database refused the input');
      return sendError(reply, format, fault.status, fault.message);
    }
    logRequestError(req, err, 'error', 'open311 error');
    return sendError(reply, format, 500, '服务器内部错误');
  });
  app.setNotFoundHandler((req, reply) => sendError(reply, formatOf(req), 404, '接口不存在'));

  const hide = { schema: { hide: true } };
  const requireFormat = (file: string, label: string) => {
    const f = splitFormat(file);
    if (!f) throw new o311.Open311Error(404, '请使用 .json 或 .xml 后缀');
    return { name: o311.parseName(f.name, label), format: f.format };
  };

  for (const format of ['json', 'xml'] as const) {
    app.get(`/services.${format}`, hide, async (_req, reply) => send(reply, format, 'services', 'service', await o311.listServices(db)));

    app.get(`/requests.${format}`, hide, async (req, reply) => {
      return send(reply, format, 'service_requests', 'request', await o311.listRequests(db, req.query, baseUrl(req)));
    });

    app.post(`/requests.${format}`, hide, async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, string>;
      if (typeof body !== 'object') throw new o311.Open311Error(400, '请以 application/x-www-form-urlencoded 提交');
      return send(reply, format, 'service_requests', 'request', await o311.postRequest(db, body, req.ip), 201);
    });
  }

  app.get('/services/:file', hide, async (req, reply) => {
    const { name, format } = requireFormat((req.params as { file: string }).file, 'service_code');
    const def = await o311.getServiceDefinition(db, name);
    reply.code(200).header('x-content-type-options', 'nosniff');
    if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(def));
    const node: TXmlNode = {
      service_code: def.service_code,
      // A list inside an object repeats in place, so each wrapper holds its list.
      attributes: { items: xmlList('attribute', def.attributes.map((a) => ({ ...a, values: { items: xmlList('value', a.values) } }))) },
    };
    return reply.type('text/xml; charset=utf-8').send(toXml('service_definition', node));
  });

  app.get('/requests/:file', hide, async (req, reply) => {
    const { name, format } = requireFormat((req.params as { file: string }).file, 'service_request_id');
    return send(reply, format, 'service_requests', 'request', await o311.getRequest(db, name, baseUrl(req)));
  });

  app.get('/tokens/:file', hide, async (req, reply) => {
    const { name, format } = requireFormat((req.params as { file: string }).file, 'token');
    return send(reply, format, 'service_requests', 'request', await o311.getToken(db, name));
  });
}
