import { ComponentFixture, TestBed } from '@angular/core/testing';
import { WebFeatureHomeComponent } from './web-feature-home.component';

describe('WebFeatureHomeComponent', () => {
  let component: WebFeatureHomeComponent;
  let fixture: ComponentFixture<WebFeatureHomeComponent>;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [WebFeatureHomeComponent],
    }).compileComponents();

    fixture = TestBed.createComponent(WebFeatureHomeComponent);
    component = fixture.componentInstance;
    await fixture.whenStable();
  });

  it('should create', () => {
    expect(component).toBeTruthy();
  });
});
