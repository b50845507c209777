import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendError } from '../common/http/error.filter.js';
import { asAppError, sendPage } from '../common/http/html.js';
import { requestIdOf } from '../common/http/request-context.middleware.js';
import { QUEUE_MODE, type QueueMode } from '../queue/queue-mode.js';
import { QueueName } from '../queue/queue.constants.js';
import { AdminAuthService } from './admin-auth.service.js';
import { ADMIN_COOKIE } from './admin-cookie.js';
import { messagePage } from './admin-pages.js';
import { errorPage } from './admin-page.filter.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

const DESCRIPTIONS: Record<QueueName, string> = {
  [QueueName.Maintenance]: 'Bảo trì: đếm lại số đơn vị trực thuộc',
  [QueueName.Documents]: 'Tạo PDF: phiếu thu, giấy chứng nhận',
};

/**
 * The queue dashboard (bull-board) on the Express instance, behind the admin check. bull-board
 * is an Express app of its own, so Nest's router, guard and route catalogue never see it: the
 * check here is the only one, and it uses the same token verification as the API's guard.
 */
@Injectable()
export class QueueBoard {
  private readonly logger = new Logger('Admin');

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly admins: AdminAuthService,
    @Inject(QUEUE_MODE) private readonly mode: QueueMode,
  ) {}

  /** What to mount at QUEUE_BOARD_PATH: the admin check, then the board (or why there is none). */
  handlers(): RequestHandler[] {
    return [
      (req, res, next) => void this.guard(req, res, next),
      this.mode.driver === 'bullmq' ? this.board() : noBoard,
    ];
  }

  private board(): RequestHandler {
    const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      // The application's own Queue instances: same Redis connection and QUEUE_PREFIX.
      queues: Object.values(QueueName).map(
        (name) =>
          new BullMQAdapter(this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }), {
            description: DESCRIPTIONS[name],
          }),
      ),
      serverAdapter,
      options: {
        uiConfig: {
          boardTitle: 'Hàng đợi khuyenhoc',
          hideDocsLink: true,
          miscLinks: [{ text: 'Đăng xuất', url: '/admin/logout' }],
        },
      },
    });
    return serverAdapter.getRouter() as RequestHandler;
  }

  private async guard(req: Request, res: Response, next: NextFunction): Promise<void> {
    try {
      await this.admins.administrator(req);
    } catch (exception) {
      const error = asAppError(exception, this.logger);
      // The board's own JSON calls get the API's error format; pages get pages.
      const api = req.path.startsWith('/api/');
      if (error.status === 401) {
        if (ADMIN_COOKIE.read(req)) ADMIN_COOKIE.clear(req, res);
        if (api) sendError(res, error, requestIdOf(req));
        else res.redirect(303, '/admin/login');
      } else if (api) sendError(res, error, requestIdOf(req));
      else sendPage(res, error.status, errorPage(error));
      return;
    }
    next();
  }
}

/** The in-process driver keeps no queue to show. */
const noBoard: RequestHandler = (_req, res) =>
  sendPage(
    res,
    404,
    messagePage(
      'Không có bảng theo dõi hàng đợi',
      'Dịch vụ đang chạy công việc nền ngay trong tiến trình (không có Redis), nên không có hàng đợi để theo dõi. ' +
        'Đặt REDIS_URL (hoặc chạy Redis tại 127.0.0.1:6379) rồi khởi động lại để dùng BullMQ và bảng này.',
    ),
  );
