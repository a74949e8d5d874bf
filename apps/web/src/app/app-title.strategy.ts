import { Injectable, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { PublicConfigStore } from '@twofold/web/data-access';

/** "Page · App name" in the browser tab, so history and screen readers name the page. */
@Injectable()
export class AppTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly config = inject(PublicConfigStore);

  override updateTitle(snapshot: RouterStateSnapshot): void {
    const page = this.buildTitle(snapshot);
    const appName = this.config.appName();
    this.title.setTitle(page ? `${page} · ${appName}` : appName);
  }
}
