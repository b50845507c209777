import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
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
  @ApiOkResponse({ type: JobView, description: 'Tiến độ: đã xong, tổng số, lỗi, thời gian còn lại' })
  get(@Param('id', uuidPipe('id')) id: string): Promise<JobView> {
    return this.jobs.view(id);
  }

  @Get('jobs/:id/result')
  @Access(Action.JobsRead, inPath('id', 'job'))
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'Kết quả của tác vụ đã xong (tệp ZIP)' })
  @ApiAcceptedResponse({ type: JobView, description: 'Chưa xong: tiến độ, thử lại sau Retry-After giây' })
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
