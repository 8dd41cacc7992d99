/** `/siddhi-apps`: deploy, update, list, get, status, remove, backup, restore and statistics (WSO2 SI paths). */
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../http/http-error.js';
import { activeApp, type ServerContext } from '../server-context.js';

type Name = { Params: { name: string } };

export function siddhiAppsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { deployer } = ctx;

  app.post('/siddhi-apps', async (req, reply) => {
    const deployed = await deployer.deploy(appText(req.body));
    return reply
      .code(201)
      .header('location', `/siddhi-apps/${deployed.name}`)
      .send({ type: 'success', message: `Siddhi app '${deployed.name}' deployed`, name: deployed.name });
  });

  app.put('/siddhi-apps', async (req, reply) => {
    const { app: deployed, created } = await deployer.put(appText(req.body));
    return reply.code(created ? 201 : 200).send({
      type: 'success',
      message: `Siddhi app '${deployed.name}' ${created ? 'deployed' : 'updated'}`,
      name: deployed.name,
    });
  });

  app.get<{ Querystring: { isActive?: string } }>('/siddhi-apps', async (req) => {
    const f = req.query.isActive;
    if (f !== undefined && f !== 'true' && f !== 'false')
      throw new HttpError(400, "isActive must be 'true' or 'false'");
    const active = deployer.activeApps().map((a) => a.name);
    const inactive = deployer.inactiveApps().map((a) => a.name);
    return f === 'true' ? active : f === 'false' ? inactive : [...active, ...inactive].sort();
  });

  app.get<Name>('/siddhi-apps/:name', async (req, reply) => {
    const name = req.params.name;
    const text = deployer.get(name)?.text ?? deployer.getInactive(name)?.text;
    if (text === undefined) throw new HttpError(404, `there is no Siddhi app named '${name}'`);
    if ((req.headers.accept ?? '').startsWith('text/plain')) return reply.type('text/plain').send(text);
    return { content: text };
  });

  app.get<Name>('/siddhi-apps/:name/status', async (req) => {
    const name = req.params.name;
    if (deployer.get(name)) return { status: 'active' };
    const inactive = deployer.getInactive(name);
    if (inactive) return { status: 'inactive', errors: inactive.errors };
    throw new HttpError(404, `there is no Siddhi app named '${name}'`);
  });

  app.delete<Name>('/siddhi-apps/:name', async (req) => {
    await deployer.remove(req.params.name);
    return { type: 'success', message: `Siddhi app '${req.params.name}' removed` };
  });

  app.post<Name>('/siddhi-apps/:name/backup', async (req) => {
    const deployed = activeApp(ctx, req.params.name);
    if (!ctx.persistence)
      throw new HttpError(409, "persistence is off; set persistence.type to 'sqlite', 'file' or 'postgresql'");
    const revision = await deployed.runtime.persistAsync();
    return { type: 'success', revision };
  });

  app.post<Name & { Querystring: { revision?: string } }>('/siddhi-apps/:name/restore', async (req) => {
    const deployed = activeApp(ctx, req.params.name);
    if (!ctx.persistence)
      throw new HttpError(409, "persistence is off; set persistence.type to 'sqlite', 'file' or 'postgresql'");
    const revision = req.query.revision;
    try {
      if (revision !== undefined && revision !== '') {
        await deployed.runtime.restoreRevisionAsync(revision);
        return { type: 'success', revision };
      }
      const last = await deployed.runtime.restoreLastRevisionAsync();
      if (last === undefined) throw new HttpError(404, `app '${deployed.name}' has no persisted revision to restore`);
      return { type: 'success', revision: last };
    } catch (e) {
      if (e instanceof HttpError) throw e;
      throw new HttpError(404, e instanceof Error ? e.message : String(e));
    }
  });

  app.get<Name>('/siddhi-apps/:name/statistics', async (req) => {
    const deployed = activeApp(ctx, req.params.name);
    return deployed.statistics();
  });

  app.put<Name>('/siddhi-apps/:name/statistics', async (req) => {
    const deployed = activeApp(ctx, req.params.name);
    const body = req.body as { statsEnable?: unknown } | undefined;
    const on = body?.statsEnable;
    const flag = on === true || on === 'true' ? true : on === false || on === 'false' ? false : undefined;
    if (flag === undefined)
      throw new HttpError(400, 'the body must be {"statsEnable": true} or {"statsEnable": false}');
    deployed.setStatistics(flag);
    return { type: 'success', message: `statistics of '${deployed.name}' ${flag ? 'enabled' : 'disabled'}` };
  });
}

function appText(body: unknown): string {
  if (typeof body !== 'string' || body.trim() === '') {
    throw new HttpError(400, 'send the SiddhiQL app as the body, with content-type text/plain');
  }
  return body;
}
