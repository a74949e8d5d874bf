import { Component } from '@angular/core';

@Component({
  selector: 'tf-web-feature-settings',
  imports: [],
  templateUrl: './web-feature-settings.component.html',
  styleUrl: './web-feature-settings.component.css',
})
export class WebFeatureSettingsComponent {}
