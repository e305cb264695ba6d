// lightning/platformShowToastEvent for the screenshot page: the event the record page would show.
export class ShowToastEvent extends CustomEvent {
  constructor(detail) {
    super('lightning__showtoast', { composed: true, bubbles: true, detail });
  }
}
