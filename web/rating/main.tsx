import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RatingApp } from './RatingApp';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RatingApp />
  </StrictMode>,
);
