import { SetMetadata } from '@nestjs/common';

export const LOGIN_RATE_LIMIT = 'khuyenhoc:login-rate-limit';

/** Counts calls per (username, IP) against RATE_LIMIT_LOGIN_PER_MINUTE instead of the write limit. */
export const LoginRateLimit = () => SetMetadata(LOGIN_RATE_LIMIT, true);
