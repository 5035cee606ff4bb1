import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BoardApp } from './BoardApp';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BoardApp />
  </StrictMode>,
);
