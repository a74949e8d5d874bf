import { ComponentFixture, TestBed } from '@angular/core/testing';
import { WebUiComponent } from './web-ui.component';

describe('WebUiComponent', () => {
  let component: WebUiComponent;
  let fixture: ComponentFixture<WebUiComponent>;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [WebUiComponent],
    }).compileComponents();

    fixture = TestBed.createComponent(WebUiComponent);
    component = fixture.componentInstance;
    await fixture.whenStable();
  });

  it('should create', () => {
    expect(component).toBeTruthy();
  });
});
