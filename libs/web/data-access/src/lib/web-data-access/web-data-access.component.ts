import { Component } from '@angular/core';

@Component({
  selector: 'tf-web-data-access',
  imports: [],
  templateUrl: './web-data-access.component.html',
  styleUrl: './web-data-access.component.css',
})
export class WebDataAccessComponent {}
