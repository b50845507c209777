import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { documentFonts } from '../fonts.js';
import { type RenderRequest, renderPdf } from './renderers.js';

interface Task {
  id: number;
  request: RenderRequest;
  resolve: (pdf: Buffer) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  task?: Task;
}

/** The compiled thread entry beside this file; absent when the code runs from TypeScript (jest). */
const THREAD_ENTRY = fileURLToPath(new URL('./render-thread.js', import.meta.url));

/** Injection token for another thread entry; never provided in the app (a test passes one to the constructor). */
export const RENDER_THREAD_ENTRY = Symbol('RENDER_THREAD_ENTRY');

/**
 * PDF rendering off the event loop: pdfkit is CPU work that would otherwise stall HTTP requests
 * and BullMQ's lock renewals. Up to `threads` worker threads (both cores of a small machine), each
 * parsing the fonts once; a document at a time per thread, the rest wait in order. A thread that
 * dies fails its document (the job retries) and is replaced. With no threads, or from TypeScript
 * sources, documents render on the calling thread — byte for byte the same.
 */
@Injectable()
export class RenderPool implements OnApplicationShutdown {
  private readonly logger = new Logger('Render');
  private readonly threads: Thread[] = [];
  private readonly waiting: Task[] = [];
  private nextId = 0;
  private closed = false;
  readonly size: number;
  private readonly entry: string;

  constructor(
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'renderThreads'>,
    @Optional() @Inject(RENDER_THREAD_ENTRY) entry?: string,
  ) {
    this.entry = entry ?? THREAD_ENTRY;
    this.size = existsSync(this.entry) ? config.renderThreads : 0;
  }

  render(request: RenderRequest): Promise<Buffer> {
    if (this.size === 0) return renderPdf(request, documentFonts());
    if (this.closed) return Promise.reject(new Error('the render pool is closed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, request, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.waiting.length) {
      const thread = this.threads.find((t) => !t.task) ?? this.spawn();
      if (!thread) return;
      thread.task = this.waiting.shift()!;
      thread.worker.postMessage({ id: thread.task.id, request: thread.task.request });
    }
  }

  private spawn(): Thread | undefined {
    if (this.threads.length >= this.size) return undefined;
    const thread: Thread = { worker: new Worker(this.entry) };
    thread.worker.on('message', (message: { id: number; pdf?: Uint8Array; error?: string }) => {
      const task = thread.task;
      thread.task = undefined;
      if (task?.id === message.id) {
        if (message.pdf)
          task.resolve(Buffer.from(message.pdf.buffer, message.pdf.byteOffset, message.pdf.byteLength));
        else task.reject(new Error(message.error));
      }
      this.dispatch();
    });
    const gone = (error: Error) => {
      this.threads.splice(this.threads.indexOf(thread), 1);
      thread.task?.reject(error);
      thread.task = undefined;
      if (!this.closed) {
        this.logger.error(`a render thread stopped: ${error.message}`);
        this.dispatch();
      }
    };
    thread.worker.on('error', gone);
    thread.worker.on('exit', (code) => {
      if (this.threads.includes(thread)) gone(new Error(`render thread exited with code ${code}`));
    });
    this.threads.push(thread);
    return thread;
  }

  /** Fails what is waiting and what is being rendered (its job is retried), then stops the threads. */
  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    const closed = new Error('the render pool is closed');
    for (const task of this.waiting.splice(0)) task.reject(closed);
    const threads = this.threads.splice(0);
    for (const thread of threads) {
      thread.task?.reject(closed);
      thread.task = undefined;
    }
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }
}
