import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiFile, RETRY_AFTER_HEADER } from '../common/http/api-docs.js';
import type { Response } from 'express';
import { uuidPipe } from '../common/http/params.js';
import { Access, inPath } from '../identity/access/access.decorator.js';
import { Action } from '../identity/access/actions.js';
import { JobView } from './job.view.js';
import { JobsService } from './jobs.service.js';

@ApiTags('jobs')
@Controller()
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get('jobs/:id')
  @Access(Action.JobsRead, inPath('id', 'job'))
  @ApiOperation({
    summary: 'Follow a job',
    description: 'Its progress: done, total, failed, percent and the seconds left.',
  })
  @ApiOkResponse({ type: JobView, description: 'The job' })
  get(@Param('id', uuidPipe('id')) id: string): Promise<JobView> {
    return this.jobs.view(id);
  }

  @Get('jobs/:id/result')
  @Access(Action.JobsRead, inPath('id', 'job'))
  @ApiOperation({
    summary: "Download a finished job's result",
    description:
      'The ZIP once the job is done; until then 202 with its progress; 409 JOB_FAILED with the reason if it failed for good.',
  })
  @ApiFile('The result (a ZIP)', 'application/zip')
  @ApiAcceptedResponse({
    type: JobView,
    description: 'Not finished yet: its progress; ask again after `Retry-After` seconds',
    headers: RETRY_AFTER_HEADER,
  })
  @ApiErrors(
    [409, 'The job failed for good (JOB_FAILED): `message` gives the reason; asking again will not help'],
    [410, 'The result is no longer kept (JOB_RESULT_MISSING)'],
  )
  async result(
    @Param('id', uuidPipe('id')) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile | JobView> {
    const result = await this.jobs.result(id);
    if (result instanceof JobView) {
      res.status(202).setHeader('Retry-After', '2');
      return result;
    }
    return new StreamableFile(result.file, {
      type: 'application/zip',
      disposition: `attachment; filename="${result.name}"`,
    });
  }
}
