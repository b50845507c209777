import { applyDecorators, Controller, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Access, Public, SignedInByCookie, type Target } from '../identity/access/access.decorator.js';
import type { Action } from '../identity/access/actions.js';
import { CsrfGuard } from './csrf.js';
import { PageFilter } from './page.filter.js';
import { WEB_COOKIE } from './web-session.js';

/**
 * A controller of workspace pages: outside the API prefix and its OpenAPI document, errors as
 * pages (or the sign-in form), every POST checked for its form's CSRF token.
 */
export const Pages = (path = '') =>
  applyDecorators(Controller(path), ApiExcludeController(), UseFilters(PageFilter), UseGuards(CsrfGuard));

/**
 * A page route's access, declared as an API route's is (the same guard, scope and 404s), signed
 * in by the workspace cookie.
 */
export const Page = (action: Action, ...targets: Target[]) =>
  applyDecorators(Access(action, ...targets), SignedInByCookie(WEB_COOKIE));

/** A page anyone may open (the sign-in form). */
export const PublicPage = Public;
