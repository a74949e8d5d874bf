import { Component } from '@angular/core';

@Component({
  selector: 'tf-web-feature-auth',
  imports: [],
  templateUrl: './web-feature-auth.component.html',
  styleUrl: './web-feature-auth.component.css',
})
export class WebFeatureAuthComponent {}
