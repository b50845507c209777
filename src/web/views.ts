import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { Eta } from 'eta';
import type { Request, Response } from 'express';
import { sendPage } from '../common/http/html.js';
import { projectRoot } from '../common/project-root.js';
import { Action } from '../identity/access/actions.js';
import type { Actor } from '../identity/access/actor.js';
import { Csrf } from './csrf.js';
import { FORMAT } from './format.js';

/** A link of the menu, shown to those whose roles allow its action somewhere. */
const MENU: { href: string; label: string; action: Action }[] = [
  { href: '/', label: 'Trang chủ', action: Action.Self },
  { href: '/thu/moi', label: 'Ghi khoản thu', action: Action.DonationsRecord },
  { href: '/thu', label: 'Khoản thu', action: Action.DonationsRead },
  { href: '/quy', label: 'Quỹ', action: Action.FundsRead },
  { href: '/dashboard', label: 'Báo cáo', action: Action.ReportsRead },
  { href: '/tai-khoan', label: 'Tài khoản', action: Action.Self },
];

/**
 * The workspace's HTML: Eta templates under templates/web (escaped by default: `<%= %>`), each
 * page inside templates/web/layout.eta with the menu for the signed-in user's roles. Every page
 * gets the CSRF token its forms carry and the Vietnamese formatters (`it.f`).
 */
@Injectable()
export class Views {
  private readonly eta = new Eta({
    views: join(projectRoot(), 'templates', 'web'),
    cache: true,
    autoTrim: [false, 'nl'],
  });

  constructor(private readonly csrf: Csrf) {}

  render(
    req: Request,
    res: Response,
    template: string,
    data: Record<string, unknown> & { title: string },
    status = 200,
  ): void {
    const actor = (req as Request & { actor?: Actor }).actor ?? null;
    const html = this.eta.render(template, {
      ...data,
      f: FORMAT,
      csrf: this.csrf.token(req, res),
      user: actor && { name: actor.displayName, username: actor.username },
      menu: actor ? MENU.filter((m) => actor.allowsAnywhere(m.action)) : [],
      path: req.path,
    });
    sendPage(res, status, html.normalize('NFC'));
  }

  /** A fragment for htmx (no layout, no menu). */
  fragment(res: Response, template: string, data: Record<string, unknown>): void {
    sendPage(res, 200, this.eta.render(template, { ...data, f: FORMAT }).normalize('NFC'));
  }
}
