import { Module } from '@nestjs/common';
import { DocumentsService } from './documents.service.js';
import { DocumentsSweeper } from './documents.sweeper.js';

@Module({ providers: [DocumentsService, DocumentsSweeper], exports: [DocumentsService] })
export class DocumentsModule {}
