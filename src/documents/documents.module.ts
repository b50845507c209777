import { Module } from '@nestjs/common';
import { DocumentsService } from './documents.service.js';
import { DocumentsSweeper } from './documents.sweeper.js';
import { RenderPool } from './render/render-pool.js';
import { VerificationCodes } from './verification-codes.js';

@Module({
  providers: [DocumentsService, DocumentsSweeper, VerificationCodes, RenderPool],
  exports: [DocumentsService, VerificationCodes, RenderPool],
})
export class DocumentsModule {}
