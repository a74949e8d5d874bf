import { Component } from '@angular/core';

@Component({
  selector: 'tf-web-feature-home',
  imports: [],
  templateUrl: './web-feature-home.component.html',
  styleUrl: './web-feature-home.component.css',
})
export class WebFeatureHomeComponent {}
