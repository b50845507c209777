/** Every queue of the application. Workers subscribe to these; producers add to them. */
export enum QueueName {
  Maintenance = 'maintenance',
  Documents = 'documents',
}

/** Every job, and the queue it travels on. A job with no handler stops start-up. */
export enum JobName {
  RefreshUnitStats = 'units.refresh-stats',
  RenderReceipt = 'documents.render-receipt',
  RenderCertificate = 'documents.render-certificate',
  RenderRoundCertificates = 'documents.render-round-certificates',
}

export const QUEUE_OF: Record<JobName, QueueName> = {
  [JobName.RefreshUnitStats]: QueueName.Maintenance,
  [JobName.RenderReceipt]: QueueName.Documents,
  [JobName.RenderCertificate]: QueueName.Documents,
  [JobName.RenderRoundCertificates]: QueueName.Documents,
};
