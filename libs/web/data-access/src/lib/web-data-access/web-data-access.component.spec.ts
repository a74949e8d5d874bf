import { ComponentFixture, TestBed } from '@angular/core/testing';
import { WebDataAccessComponent } from './web-data-access.component';

describe('WebDataAccessComponent', () => {
  let component: WebDataAccessComponent;
  let fixture: ComponentFixture<WebDataAccessComponent>;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [WebDataAccessComponent],
    }).compileComponents();

    fixture = TestBed.createComponent(WebDataAccessComponent);
    component = fixture.componentInstance;
    await fixture.whenStable();
  });

  it('should create', () => {
    expect(component).toBeTruthy();
  });
});
