"""Critical reception: polarity of critics' reviews (see :mod:`backtrace.reception.polarity`)."""
