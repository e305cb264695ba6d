import {
  handleCreateJob,
  handleDeleteJob,
  handleJobInfo,
  handleResults,
  handleSetState,
  handleUpload,
} from '../bulk/handlers.ts';
import { handleCollections } from '../handlers/collections.ts';
import { handleComposite } from '../handlers/composite.ts';
import { handleLimits, handleResources } from '../handlers/limits.ts';
import { handleExplain, handleQuery, handleQueryMore } from '../handlers/query.ts';
import {
  handleCreateRecord,
  handleDeleteRecord,
  handleDescribe,
  handleDescribeGlobal,
  handleGetDeleted,
  handleGetRecord,
  handleUpdateRecord,
} from '../handlers/sobjects.ts';
import { classifyEndpoint } from './classify.ts';
import type { ApiContext, ApiRequest } from './context.ts';
import { notFound, type SfResponse } from './respond.ts';

/** Routes one API request (already authenticated and counted) to its handler. */
export function dispatch(ctx: ApiContext, req: ApiRequest): SfResponse {
  const { name, params } = classifyEndpoint(req.method, req.path);
  const p = (key: string): string => params[key] ?? '';
  switch (name) {
    case 'resources':
      return handleResources(ctx, ctx.loginUrl);
    case 'query':
    case 'queryAll':
      if (name === 'query' && req.query['explain'] !== undefined)
        return handleExplain(ctx, req.query['explain']);
      return handleQuery(ctx, req.query['q'], name === 'queryAll', req.headers);
    case 'queryMore':
      return handleQueryMore(ctx, p('locator'));
    case 'limits':
      return handleLimits(ctx);
    case 'describeGlobal':
      return handleDescribeGlobal(ctx);
    case 'describe':
      return handleDescribe(ctx, p('sobject'));
    case 'getDeleted':
      return handleGetDeleted(ctx, p('sobject'), req.query);
    case 'sobject.get':
      return handleGetRecord(ctx, p('sobject'), p('id'), req.query['fields']);
    case 'sobject.update':
      return handleUpdateRecord(ctx, p('sobject'), p('id'), req.body);
    case 'sobject.delete':
      return handleDeleteRecord(ctx, p('sobject'), p('id'));
    case 'sobject.create':
      return handleCreateRecord(ctx, p('sobject'), req.body);
    case 'collections.update':
      return handleCollections(ctx, 'update', req.body);
    case 'collections.create':
      return handleCollections(ctx, 'create', req.body);
    case 'composite':
      return handleComposite(ctx, req.body, dispatch);
    case 'bulk.create':
      return handleCreateJob(ctx, req.body);
    case 'bulk.upload':
      return handleUpload(ctx, p('jobId'), req.body, req.headers['content-type']);
    case 'bulk.state':
      return handleSetState(ctx, p('jobId'), req.body);
    case 'bulk.info':
      return handleJobInfo(ctx, p('jobId'));
    case 'bulk.results':
      return handleResults(ctx, p('jobId'), p('kind'));
    case 'bulk.delete':
      return handleDeleteJob(ctx, p('jobId'));
    default:
      return notFound();
  }
}
