import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiErrors } from '../common/http/api-docs.js';

export const LOGIN_RATE_LIMIT = 'khuyenhoc:login-rate-limit';

/** Counts calls per (username, IP) against RATE_LIMIT_LOGIN_PER_MINUTE instead of the write limit. */
export const LoginRateLimit = () => applyDecorators(SetMetadata(LOGIN_RATE_LIMIT, true), ApiErrors(429));

export const PER_IP_RATE_LIMIT = 'khuyenhoc:per-ip-rate-limit';

/** A public route's calls per IP, against RATE_LIMIT_<NAME>_PER_MINUTE (reads included). */
export const PerIpRateLimit = (name: 'verify') =>
  applyDecorators(SetMetadata(PER_IP_RATE_LIMIT, name), ApiErrors(429));
