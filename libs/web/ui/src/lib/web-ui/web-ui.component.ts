import { Component } from '@angular/core';

@Component({
  selector: 'tf-web-ui',
  imports: [],
  templateUrl: './web-ui.component.html',
  styleUrl: './web-ui.component.css',
})
export class WebUiComponent {}
